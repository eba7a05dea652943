# expect: ok
/* C3, C4: helper calls and jumps to trampoline entries */
	.include "sandbox.inc"
	mov $1, %edi
	HELPER
	test %eax, %eax
	jnz T_ABORT
	.balign 32, 0x90
	.fill 27, 1, 0x90
	call T_HELPER + 32
	jmp T_ABORT
	END
