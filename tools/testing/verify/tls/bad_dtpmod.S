/* SPDX-License-Identifier: GPL-2.0 */
# expect: verified: DT_RELA[0]: TLS relocation R_X86_64_DTPMOD64: verified objects use the local-exec model
/*
 * Rule T12: a local-dynamic GOT entry leaves ld's R_X86_64_DTPMOD64 for
 * the loader; a verified object has no module id to give it.
 */
	.include "guest.inc"
	.include "tls.inc"

FUNC f
	lea tv@tlsld(%rip), %rdi
	xor %eax, %eax
	FRET
	END

	TLS_TV 5
