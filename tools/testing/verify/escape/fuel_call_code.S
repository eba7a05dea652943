# expect: F2
	.include "sandbox.inc"
	.balign 32, 0x90
	.fill 12, 1, 0x90
	and $SMASK, %esp
	add %r15, %rsp
	sub $1, %r13
	jae . + 7
	call 1f
1:	nop
	END
