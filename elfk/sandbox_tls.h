/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Thread-local storage of verified objects (Documentation/verified-mode.rst,
 * rule T12): per-task blocks in a TLS area of the window, found by the
 * sandboxed code through a word the runtime writes into the CALL slot.
 */
#ifndef _ELFK_SANDBOX_TLS_H
#define _ELFK_SANDBOX_TLS_H

#include <linux/types.h>

/* T12: where in a CALL slot (256 KiB aligned) the TLS word lies. */
#define ELFK_SB_TLS_WORD	0xfff8UL
/* T12: the TLS area, right below the CALL slots, when there is PT_TLS. */
#define ELFK_SB_TLS_AREA	(256UL << 10)
#define ELFK_SB_TLS_MAX_BLOCKS	16
#define ELFK_SB_TLS_MAX_BLOCK	(64UL << 10)

struct elfk_elf;
struct elfk_log;
struct elfk_sb_tls;

int elfk_sb_tls_parse(struct elfk_sb_tls **tlsp, const struct elfk_elf *elf,
		      u64 area_off, struct elfk_log *log);
u64 elfk_sb_tls_area(const struct elfk_sb_tls *tls);
int elfk_sb_tls_relocs(const struct elfk_elf *elf, struct elfk_log *log);
int elfk_sb_tls_relocated(struct elfk_sb_tls *tls, unsigned long base,
			  const struct elfk_elf *elf, struct elfk_log *log);
int elfk_sb_tls_enter(struct elfk_sb_tls *tls, unsigned long base,
		      u64 slot_off, const char *name);
void elfk_sb_tls_free(struct elfk_sb_tls *tls);

#endif /* _ELFK_SANDBOX_TLS_H */
