# expect: ok
/* C6: indirect jumps through every allowed register width class */
	.include "sandbox.inc"
	lea 1f(%rip), %rax
	IJMP %eax, %rax
	.balign 32, 0x90
1:	lea 2f(%rip), %r10
	IJMP %r10d, %r10
	.balign 32, 0x90
2:	lea 1b(%rip), %rcx
	push %rcx
	FRET
	END
