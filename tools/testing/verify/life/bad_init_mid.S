/* SPDX-License-Identifier: GPL-2.0 */
# expect: verified: DT_INIT_ARRAY[1] is window offset 0x1001, not a bundle start in the code
/* An init_array entry into the middle of an instruction (rule T11). */
	.include "guest.inc"

FUNC good
	lea 1(%rdi), %rax
	FRET

	.section .init_array, "aw"
	.quad good
	.quad good + 1
