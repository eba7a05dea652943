# expect: I1
/* 0f 1f /0 with a register operand: a nop to the CPU, but capstone
 * cannot decode it and no assembler emits it (fuzz_verify found it) */
	.include "sandbox.inc"
	.byte 0x66, 0x66, 0x2e, 0x0f, 0x1f, 0xc7
	END
