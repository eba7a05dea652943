/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ET_REL objects: what the core's relocation driver (lib/ld/) and an
 * architecture's static-relocation handlers (arch/<arch>/reloc_rel.c)
 * share.  The core validates, lays out, resolves and checks; the arch
 * says what each type needs, computes the value and writes it.
 */
#ifndef _ELFK_ELF_REL_H
#define _ELFK_ELF_REL_H

#include "core.h"

/* What a static relocation type needs (elfk_rel_ops.needs). */
#define ELFK_REL_USES_S 0x1	/* its value depends on the symbol's */
#define ELFK_REL_GOT 0x2	/* a GOT slot holding the symbol's address */
#define ELFK_REL_PLT 0x4	/* a PLT stub if the symbol is not in the object */
#define ELFK_REL_PLT_FUNC 0x8	/* the same, but only for STT_FUNC symbols */
#define ELFK_REL_GOT_BASE 0x10	/* the GOT's address */
/* Thread-local storage (general- and local-dynamic models only). */
#define ELFK_REL_TLS_GD 0x20	/* a GOT pair: the symbol's module id, offset */
#define ELFK_REL_TLS_LD 0x40	/* a GOT pair: this object's module id, 0 */
#define ELFK_REL_TLS_OFF 0x80	/* S is the symbol's offset in its block */
#define ELFK_REL_TLS (ELFK_REL_TLS_GD | ELFK_REL_TLS_LD | ELFK_REL_TLS_OFF)
/*
 * Paired relocations (riscv's AUIPC + ADDI/LD: R_RISCV_PCREL_HI20 with
 * R_RISCV_PCREL_LO12_I): the LO half's symbol (plus addend) is the address
 * of the HI half's field, and its value is the one computed for the HI
 * half.  The HI half must come first; one HI half may have several LO
 * halves.
 */
#define ELFK_REL_PAIR_HI 0x100	/* its value is kept for its LO halves */
#define ELFK_REL_PAIR_LO 0x200	/* completes the HI half its symbol names */

/**
 * struct elfk_rel_pair - the HI half of a pair, as a LO half is handed it
 * @type: its r_type
 * @table: its SHT_RELA section's name, for messages
 * @index: its index there
 * @value: what rel_ops.pair_value() gave when it was applied
 */
struct elfk_rel_pair {
	u32 type;
	const char *table;
	u64 index;
	u64 value;
};

/**
 * struct elfk_rel_fixup - one ET_REL relocation, resolved, handed to the arch
 * @r: the relocation (@r.table is the SHT_RELA section's name, @r.B is 0)
 * @got: run-time address of the object's GOT (0 if it has none)
 * @got_slot: run-time address of the symbol's GOT slot, or 0
 * @plt: run-time address of the symbol's PLT stub, or 0
 * @tls_got: run-time address of the GOT pair (struct tls_index: module id,
 *           offset) that a TLSGD or TLSLD reference hands __tls_get_addr()
 * @sym_is_func: the symbol is STT_FUNC (a far PC32 may use its stub)
 * @branch: the field is the operand of an indirect call or jump through
 *          the GOT that @apply turns into a direct one, to the symbol when
 *          it is in the object, else to @plt (rel_ops.branch_via_got)
 * @hi: for an ELFK_REL_PAIR_LO type, the HI half its symbol names, already
 *      applied and accepted by rel_ops.pairs_with(); otherwise NULL
 */
struct elfk_rel_fixup {
	struct elfk_reloc r;
	u64 got;
	u64 got_slot;
	u64 plt;
	u64 tls_got;
	bool sym_is_func;
	bool branch;
	const struct elfk_rel_pair *hi;
};

/**
 * struct elfk_rel_ops - an architecture's static relocations
 * @width: bytes a supported type writes, 0 when the type is refused
 * @needs: ELFK_REL_* flags of a supported type
 * @apply: compute and write one relocation (range checked)
 * @plt_size: bytes of one PLT stub
 * @write_plt: write the stub at @stub (run-time address @stub_addr) that
 *             jumps to the address held in the GOT slot at @slot_addr
 * @branch_via_got: whether a relocation of @type at @field (in executable
 *                  code, @before bytes after the section's start) is the
 *                  operand of an indirect call or jump through a GOT slot
 *                  that can be rewritten into a direct one (may be NULL)
 * @loadable_sh_type: whether an SHF_ALLOC section of this processor-specific
 *                    @sh_type is loaded as data, as SHT_PROGBITS is (an
 *                    unwind-table type, say); NULL: none is
 * @field_is_clean: whether the @width bytes at @field, before relocation
 *                  of @type, are what this arch's assembler leaves there
 *                  (anything else is relocated twice, or relocations
 *                  overlap); NULL: any content is accepted
 * @clean_field: what @field_is_clean accepts, for messages ("zero")
 * @pair_value: for an ELFK_REL_PAIR_HI type, once @apply has written it:
 *              the value its LO halves complete (riscv: S + A - P of the
 *              AUIPC); NULL: no type of this arch pairs (the PAIR flags
 *              are then refused)
 * @pairs_with: whether a LO half of @lo_type may complete a HI half of
 *              @hi_type (required with @pair_value)
 */
struct elfk_rel_ops {
	u32 (*width)(u32 type);
	u32 (*needs)(u32 type);
	int (*apply)(const struct elfk_rel_fixup *f, struct elfk_log *log);
	u32 plt_size;
	void (*write_plt)(u8 *stub, u64 stub_addr, u64 slot_addr);
	bool (*branch_via_got)(u32 type, const u8 *field, u64 before);
	bool (*loadable_sh_type)(u32 sh_type);
	bool (*field_is_clean)(u32 type, const u8 *field, u32 width);
	const char *clean_field;
	u64 (*pair_value)(const struct elfk_rel_fixup *hi);
	bool (*pairs_with)(u32 lo_type, u32 hi_type);
};

#endif /* _ELFK_ELF_REL_H */
