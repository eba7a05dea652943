# expect: I4
	.include "sandbox.inc"
	vmcall
	END
