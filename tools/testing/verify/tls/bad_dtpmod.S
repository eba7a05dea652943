/* SPDX-License-Identifier: GPL-2.0 */
# expect: verified: DT_RELA[0]: TLS relocation R_X86_64_DTPMOD64: verified objects use the local-exec model
/*
 * Rule T12: a local-dynamic GOT entry leaves ld's R_X86_64_DTPMOD64 for
 * the loader; a verified object has no module id to give it.
 */
	.include "guest.inc"

FUNC f
	lea tv@tlsld(%rip), %rdi
	xor %eax, %eax
	FRET
	END

	.section .tdata, "awT", @progbits
	.globl tv
	.type tv, @object
	.size tv, 8
tv:	.quad 5
