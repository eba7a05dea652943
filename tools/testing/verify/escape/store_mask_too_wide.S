# expect: M2
	.include "sandbox.inc"
	.bundle_lock
	and $LMASK, %eax
	mov %ebx, (%r15,%rax,1)
	.bundle_unlock
	END
