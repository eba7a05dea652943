# expect: M6
	.include "sandbox.inc"
	.bundle_lock
	and $SMASK, %eax
	mov %ebx, (%r15,%rax,8)
	.bundle_unlock
	END
