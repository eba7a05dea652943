# expect: I4
	.include "sandbox.inc"
	sahf
	END
