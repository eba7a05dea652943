# expect: C6
	.include "sandbox.inc"
	.balign 32, 0x90
	and $0x1fffe0, %eax
	add %r14, %rax
	and $SMASK, %esp
	add %r15, %rsp
	sub $1, %r13
	jb T_IND
	jmp *%rax
	END
