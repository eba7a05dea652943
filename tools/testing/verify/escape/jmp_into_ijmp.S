# expect: C3
	.include "sandbox.inc"
	mov $0x1000, %eax
	jmp 1f
	.balign 32, 0x90
	and $BMASK, %eax
	add %r14, %rax
	and $SMASK, %esp
	add %r15, %rsp
	sub $1, %r13
	jb T_IND
1:	jmp *%rax
	END
