# expect: I4
	.include "sandbox.inc"
	sysretq
	END
