/* SPDX-License-Identifier: GPL-2.0 */
/* T1: the window note, k = 24, c = 20 */
	.section .note.elfk.window, "a"
	.balign 4
	.long 5, 8, 1
	.asciz "elfk"
	.balign 4
	.long 24, 20
