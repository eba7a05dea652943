# expect: M2
	.include "sandbox.inc"
	.bundle_lock
	and $SMASK, %eax
	add $1, %eax
	mov %ebx, (%r15,%rax,1)
	.bundle_unlock
	END
