/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86_64 relocation types (System V AMD64 psABI, chapter 4.4), defined here
 * because neither <linux/elf.h> nor every libc names all of them.
 */
#ifndef _ELFK_X86_64_RELOC_H
#define _ELFK_X86_64_RELOC_H

#ifndef R_X86_64_NONE
#define R_X86_64_NONE 0
#define R_X86_64_64 1
#define R_X86_64_PC32 2
#define R_X86_64_GOT32 3
#define R_X86_64_PLT32 4
#define R_X86_64_COPY 5
#define R_X86_64_GLOB_DAT 6
#define R_X86_64_JUMP_SLOT 7
#define R_X86_64_RELATIVE 8
#define R_X86_64_GOTPCREL 9
#define R_X86_64_32 10
#define R_X86_64_32S 11
#define R_X86_64_16 12
#define R_X86_64_PC16 13
#define R_X86_64_8 14
#define R_X86_64_PC8 15
#define R_X86_64_PC64 24
#endif
#ifndef R_X86_64_DTPMOD64
#define R_X86_64_DTPMOD64 16
#define R_X86_64_DTPOFF64 17
#define R_X86_64_TPOFF64 18
#define R_X86_64_TLSGD 19
#define R_X86_64_TLSLD 20
#define R_X86_64_DTPOFF32 21
#define R_X86_64_GOTTPOFF 22
#define R_X86_64_TPOFF32 23
#endif
#ifndef R_X86_64_GOTOFF64
#define R_X86_64_GOTOFF64 25
#define R_X86_64_GOTPC32 26
#define R_X86_64_GOT64 27
#define R_X86_64_GOTPCREL64 28
#define R_X86_64_GOTPC64 29
#define R_X86_64_GOTPLT64 30
#define R_X86_64_PLTOFF64 31
#define R_X86_64_SIZE32 32
#define R_X86_64_SIZE64 33
#define R_X86_64_GOTPC32_TLSDESC 34
#define R_X86_64_TLSDESC_CALL 35
#define R_X86_64_TLSDESC 36
#define R_X86_64_IRELATIVE 37
#endif
#ifndef R_X86_64_RELATIVE64
#define R_X86_64_RELATIVE64 38
#endif
#ifndef R_X86_64_GOTPCRELX
#define R_X86_64_GOTPCRELX 41
#define R_X86_64_REX_GOTPCRELX 42
#endif

const char *elfk_x86_64_reloc_name(u32 type);
u32 elfk_x86_64_reloc_width(u32 type);
int elfk_x86_64_reloc_apply(const struct elfk_reloc *r, struct elfk_log *log);
bool elfk_x86_64_branch_target(const u8 *p, u64 len);
bool elfk_x86_64_reloc_is_tls(u32 type);
const char *elfk_x86_64_reloc_refusal(u32 type);

/* reloc_rel.c: static relocations of ET_REL objects */
struct elfk_rel_fixup;
u32 elfk_x86_64_rel_width(u32 type);
u32 elfk_x86_64_rel_needs(u32 type);
int elfk_x86_64_rel_apply(const struct elfk_rel_fixup *f, struct elfk_log *log);
void elfk_x86_64_rel_write_plt(u8 *stub, u64 stub_addr, u64 slot_addr);
bool elfk_x86_64_rel_branch_via_got(u32 type, const u8 *field, u64 before);
extern const struct elfk_rel_ops elfk_x86_64_rel_ops;

#endif /* _ELFK_X86_64_RELOC_H */
