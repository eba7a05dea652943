/* SPDX-License-Identifier: GPL-2.0 */
# expect: verified: elfk_init() is window offset 0x1004, not a bundle start in the code
/* elfk_init defined past a bundle start (rule T11). */
	.include "guest.inc"

FUNC good
	lea 1(%rdi), %rax
	FRET

	.globl elfk_init
	.type elfk_init, @function
	.set elfk_init, good + 4
