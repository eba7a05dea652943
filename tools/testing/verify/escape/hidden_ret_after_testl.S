# expect: C7
/*
 * test $imm32, %ecx (f7 /0 id) hiding a ret: a decoder that forgets the
 * immediate sees test (2 bytes) and mov $0xc3332211, %eax; the CPU runs
 * test $0x332211b8, %ecx, then ret.
 */
	.include "sandbox.inc"
	.byte 0xf7, 0xc1, 0xb8, 0x11, 0x22, 0x33, 0xc3
	END
