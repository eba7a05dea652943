# expect: C6
	.include "sandbox.inc"
	.balign 32, 0x90
	and $BMASK, %eax
	nop
	and $SMASK, %esp
	add %r15, %rsp
	sub $1, %r13
	jb T_IND
	jmp *%rax
	END
