# expect: ok
/* S4, S5: a loop that pushes without popping: drift is re-confined at
 * the fuel bundle on every iteration, so it stays in the guard */
	.include "sandbox.inc"
1:	FUEL
	push %rax
	push %rbx
	sub $256, %rsp
	and $-16, %rsp
	lea -8(%rsp), %rsp
	BACK jmp, 1b
	END
