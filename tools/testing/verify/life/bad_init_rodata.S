/* SPDX-License-Identifier: GPL-2.0 */
# expect: DT_INIT_ARRAY[0] points to 0x1000
/* An init_array entry outside the code: into read-only data. */
	.include "guest.inc"

FUNC good
	lea 1(%rdi), %rax
	FRET

	.section .rodata, "a"
data:
	.byte 0xc3
	.section .init_array, "aw"
	.quad data
