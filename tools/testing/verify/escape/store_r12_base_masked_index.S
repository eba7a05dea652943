# expect: M6
	.include "sandbox.inc"
	.bundle_lock
	and $SMASK, %eax
	mov %ebx, (%r12,%rax,1)
	.bundle_unlock
	END
