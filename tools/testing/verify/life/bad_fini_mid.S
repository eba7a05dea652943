/* SPDX-License-Identifier: GPL-2.0 */
# expect: verified: DT_FINI_ARRAY[0] is window offset 0x1003, not a bundle start in the code
/* A fini_array entry into the middle of an instruction: refused at LOAD. */
	.include "guest.inc"

FUNC good
	lea 1(%rdi), %rax
	FRET

	.section .fini_array, "aw"
	.quad good + 3
