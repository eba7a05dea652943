# expect: M6
	.include "sandbox.inc"
	.bundle_lock
	and $LMASK, %eax
	mov %ebx, (%r14,%rax,1)
	.bundle_unlock
	END
