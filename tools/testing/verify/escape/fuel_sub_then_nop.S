# expect: F2
	.include "sandbox.inc"
	and $SMASK, %esp
	add %r15, %rsp
	sub $1, %r13
	nop
	END
