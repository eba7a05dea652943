# expect: I4
	.include "sandbox.inc"
	syscall
	END
