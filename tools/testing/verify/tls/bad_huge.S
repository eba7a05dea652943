/* SPDX-License-Identifier: GPL-2.0 */
# expect: verified: PT_TLS block of 0x11170 bytes (p_memsz 0x11170, p_align 0x10) is above 0x10000 (rule T12)
/* Rule T12: a block above 64 KiB does not fit the TLS area's limits. */
	.include "guest.inc"

FUNC f
	xor %eax, %eax
	FRET
	END

	.section .tbss, "awT", @nobits
	.balign 16
	.globl big
	.type big, @object
	.size big, 70000
big:	.zero 70000
