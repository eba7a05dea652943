# expect: I6
	.include "sandbox.inc"
	tzcnt %rax, %rbx
	END
