# expect: I3
	.include "sandbox.inc"
	andn %rax, %rbx, %rcx
	END
