# expect: C6
	.include "sandbox.inc"
	.bundle_lock
	and $BMASK, %eax
	add %r14, %rax
	jmp *%rax
	.bundle_unlock
	END
