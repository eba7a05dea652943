# expect: M2
	.include "sandbox.inc"
	.bundle_lock
	and $SMASK, %eax
	mov %ebx, -0x10000(%r15,%rax,1)
	.bundle_unlock
	END
