# expect: C6
	.include "sandbox.inc"
	jmp *%rax
	END
