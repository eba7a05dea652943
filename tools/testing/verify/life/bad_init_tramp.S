/* SPDX-License-Identifier: GPL-2.0 */
# expect: DT_INIT_ARRAY[0] points outside the object
/* An init_array entry into the trampoline page: window offset 0x20, T_FUEL. */
	.include "guest.inc"

FUNC good
	lea 1(%rdi), %rax
	FRET

	.section .init_array, "aw"
	.quad good - 0x1000 + 0x20
