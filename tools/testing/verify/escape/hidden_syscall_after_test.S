# expect: I4
/*
 * test $imm8, %dl (f6 /0 ib) followed by bytes that hide a syscall from a
 * decoder that forgets test's immediate: it would see test (2 bytes),
 * mov $0xf, %al, add $0, %eax, while the CPU runs test $0xb0, %dl, then
 * syscall.  Found by fuzz_verify (capstone disagreed on the length).
 */
	.include "sandbox.inc"
	.byte 0xf6, 0xc2, 0xb0, 0x0f, 0x05, 0, 0, 0, 0
	END
