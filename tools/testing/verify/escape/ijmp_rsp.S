# expect: C6
	.include "sandbox.inc"
	jmp *%rsp
	END
