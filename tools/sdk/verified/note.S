/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The window note of a verified plugin (tramp-abi): k and c, from the
 * SDK's ELFK_WINDOW_BITS and ELFK_CODE_BITS.
 */
	.section .note.elfk.window, "a", @note
	.balign 4
	.long 5			/* namesz */
	.long 8			/* descsz */
	.long 1			/* ELFK_NOTE_WINDOW */
	.asciz "elfk"
	.balign 4
	.long ELFK_WINDOW_BITS
	.long ELFK_CODE_BITS
	.section .note.GNU-stack, "", @progbits
