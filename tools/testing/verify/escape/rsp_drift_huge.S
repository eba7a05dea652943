# expect: S5
	.include "sandbox.inc"
	sub $0x200000, %rsp
	END
