/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ET_REL objects: what "gcc -c" and "ld -r" produce, and elfk plays ld.
 * What the files of lib/ld/ share: the state of an object (struct
 * elfk_rel), small helpers and the steps elfk_rel_parse() runs in order.
 *
 *   sections.c  the section headers, .elfk.needed, the entry points
 *               (parse, release)
 *   symtab.c    the symbol table and the lookup index
 *   gotplt.c    relocations, first pass: validate, count GOT/PLT/TLS needs
 *   layout.c    the runs, the TLS block, init/fini arrays; placing
 *   relocate.c  relocations, second pass, and the IFUNC pass
 *   pair.c      paired relocations (HI/LO): the HI halves by address
 *
 * An ET_REL object has no program headers and no dynamic section; elfk
 * plays the static linker's part for it.  Validation checks every section
 * header, the symbol table and every relocation against the image; layout
 * groups the SHF_ALLOC sections by permission into three page-aligned runs
 * and expresses them as elf->segs[] (synthetic vaddrs are offsets in the
 * region, vbase is 0), so the permission walk, the entry checks and the
 * kernel's W^X code treat them like PT_LOAD segments:
 *
 *   text    (RX)  executable sections, then the PLT stubs
 *   rodata  (R)   the init and fini arrays, read-only sections, the TLS
 *                 template (.tdata), the GOT
 *   data    (RW)  writable sections, .bss, then SHN_COMMON symbols
 *
 * Thread-local sections (SHF_TLS) form the object's TLS block as a PT_TLS
 * segment would: .tdata sections first, then .tbss, each at its alignment
 * within a block.  Only the .tdata part occupies the region, as the
 * template every task's block is copied from; a TLS symbol's st_value
 * becomes its offset in the block.  The general- and local-dynamic models
 * get GOT pairs (module id, offset) that __tls_get_addr() is handed.
 *
 * An STT_GNU_IFUNC symbol is reached only through its PLT stub, as ld does
 * it for an executable: the stub is the symbol's address for every
 * relocation (and in its ordinary GOT slot, so that &f is one value), and
 * jumps through a second slot, which gets the resolver's result in the
 * IFUNC pass, once the text is executable (elfk_reloc_apply_ifuncs()).  Such
 * an object's GOT then gets a run of its own after the read-only one,
 * writable until that pass and read-only after it, as PT_GNU_RELRO is.
 *
 * Init and fini arrays (.init_array*, .fini_array*, .ctors*, .dtors*) are
 * laid out as ld lays them out, sorted by priority with .ctors/.dtors
 * copied word-reversed (ld's SEC_ELF_REVERSE_COPY), into one contiguous
 * array each, which becomes elf->dyn.init_array and fini_array.
 *
 * Unlike ET_DYN, this needs memory the caller does not hand us: a
 * validated copy of the symbol and string tables (st_value rewritten to
 * region offsets), the section map, the GOT/PLT assignment and a lookup
 * index.  elfk_elf_release() frees it.  The image must stay valid until
 * elfk_reloc_apply() has returned: relocation sections are not loaded.
 */
#ifndef _ELFK_LD_H
#define _ELFK_LD_H

#include "../core.h"
#include "../bind.h"
#include "../elf_rel.h"

#define ELFK_REL_MAX_ALIGN 0x10000ULL	/* as PT_LOAD's p_align */
/*
 * Every PC-relative field between the runs (PLT to GOT, a GOT-relative
 * load) must reach: 1 GiB is within every 64-bit psABI's 32-bit or
 * HI/LO-paired displacement.
 */
#define ELFK_REL_MAX_SPAN 0x40000000ULL
#define ELFK_REL_RESCHED_EVERY 1024
#define GOT_NAME "_GLOBAL_OFFSET_TABLE_"

/* gABI names the kernel's <linux/elf.h> lacks. */
#ifndef SHT_INIT_ARRAY
#define SHT_INIT_ARRAY 14
#define SHT_FINI_ARRAY 15
#define SHT_PREINIT_ARRAY 16
#endif
#ifndef SHT_SYMTAB_SHNDX
#define SHT_SYMTAB_SHNDX 18
#endif
#ifndef SHF_TLS
#define SHF_TLS 0x400
#endif

enum { RUN_NONE, RUN_TEXT, RUN_RODATA, RUN_DATA, NR_RUNS };
enum { GROUP_NONE, GROUP_INIT, GROUP_FINI };

/**
 * struct elfk_rel_sec - one section header, validated
 * @addr: offset in the region (SHF_ALLOC sections)
 * @run: RUN_* the section goes to, RUN_NONE if it is not loaded
 * @group: GROUP_INIT/GROUP_FINI for init and fini arrays
 * @reversed: 8-byte words are stored in reverse order (.ctors, .dtors)
 * @prio: init priority, for sorting a group (as SORT_BY_INIT_PRIORITY)
 * @tls: a thread-local section (SHF_TLS); @run is RUN_NONE for .tbss
 * @tls_off: its offset in the TLS block
 */
struct elfk_rel_sec {
	u64 addr;
	u8 run;
	u8 group;
	bool reversed;
	bool tls;
	u32 prio;
	u64 tls_off;
};

/**
 * struct elfk_rel - the ET_REL state of an object
 * @image: the caller's image, read until relocation is done
 * @shdrs: the section headers, in @image
 * @shnum: their number
 * @shstr: the section-name string table, in @image
 * @shstrsz: its size
 * @symtab_idx: index of the SHT_SYMTAB section
 * @secs: per-section layout, @shnum entries
 * @syms: validated copy of .symtab; st_value is a region offset
 * @nsyms: its entries
 * @strtab: copy of the symbol string table, NUL-terminated
 * @strsz: its size
 * @got_of: per symbol, GOT slot index + 1, or 0 (an IFUNC's stub jumps
 *          through the slot after it)
 * @plt_of: per symbol, PLT stub index + 1, or 0
 * @tlsgd_of: per symbol, GOT slot index + 1 of its TLSGD pair, or 0
 * @value: per symbol, its run-time address once resolved
 * @resolved: per symbol, whether @value is set
 * @nr_got: GOT slots
 * @nr_plt: PLT stubs
 * @nr_ifunc: IFUNC symbols with a PLT stub (their GOT slots wait for the
 *            IFUNC pass)
 * @tlsld_slot: GOT slot index + 1 of the object's TLSLD pair, or 0
 * @has_got: the object needs a GOT (slots, or a GOT-relative type)
 * @got_off: region offset of the GOT
 * @plt_off: region offset of the PLT
 * @nbuckets: buckets of the lookup index, a power of two
 * @buckets: symbol index + 1 of the first symbol in each bucket, or 0
 * @chain: symbol index + 1 of the next symbol in the bucket, or 0
 * @needed: copy of the .elfk.needed section (elf->needed[] are offsets
 *          in it), or NULL
 * @nr_pair_hi: relocations of an ELFK_REL_PAIR_HI type
 * @pair_mask: slots of @pairs minus one (a power of two minus one)
 * @pairs: the HI halves by the region offset of their field (pair.c), or
 *         NULL when there are none
 */
struct elfk_rel {
	const u8 *image;
	const Elf64_Shdr *shdrs;
	u32 shnum;
	const char *shstr;
	u64 shstrsz;
	u32 symtab_idx;
	struct elfk_rel_sec *secs;
	Elf64_Sym *syms;
	u32 nsyms;
	char *strtab;
	u64 strsz;
	u32 *got_of;
	u32 *plt_of;
	u32 *tlsgd_of;
	u64 *value;
	u8 *resolved;
	u32 nr_got;
	u32 nr_plt;
	u32 nr_ifunc;
	u32 tlsld_slot;
	bool has_got;
	u64 got_off;
	u64 plt_off;
	u32 nbuckets;
	u32 *buckets;
	u32 *chain;
	char *needed;
	u32 nr_pair_hi;
	u32 pair_mask;
	struct ld_pair *pairs;
};

/**
 * struct ld_pair - a slot of the HI-half index (pair.c)
 * @key: region offset of the HI half's field plus one; 0: an empty slot
 * @applied: the HI half has been applied, @pair.value is set
 * @pair: what its LO halves are handed
 */
struct ld_pair {
	u64 key;
	bool applied;
	struct elfk_rel_pair pair;
};

/* sh_name is checked against .shstrtab before any message uses it. */
static inline const char *sec_name(const struct elfk_rel *rel, u32 i)
{
	u32 n = rel->shdrs[i].sh_name;

	return n < rel->shstrsz ? rel->shstr + n : "?";
}

/* Loaded: in one of the runs, or a .tbss that only the TLS block holds. */
static inline bool sec_loaded(const struct elfk_rel *rel, u32 i)
{
	return rel->secs[i].run || rel->secs[i].tls;
}

static inline void *zalloc_array(u64 n, u64 size)
{
	u64 bytes;

	if (check_mul_overflow(n, size, &bytes) || bytes > U32_MAX)
		return NULL;
	return elfk_env_zalloc(bytes ? bytes : 1);
}

static inline bool defined_here(const Elf64_Sym *s)
{
	return s->st_shndx != SHN_UNDEF && s->st_shndx != SHN_ABS;
}

/* An IFUNC the object defines: its address is its PLT stub's. */
static inline bool is_ifunc(const Elf64_Sym *s)
{
	return ELF64_ST_TYPE(s->st_info) == STT_GNU_IFUNC && defined_here(s);
}

/* A thread-local symbol: by type, or by the section it is defined in. */
static inline bool is_tls_sym(const struct elfk_rel *rel, const Elf64_Sym *s)
{
	if (ELF64_ST_TYPE(s->st_info) == STT_TLS)
		return true;
	return s->st_shndx < rel->shnum && defined_here(s) &&
	       rel->secs[s->st_shndx].tls;
}

static inline const char *type_name(const struct elfk_arch_ops *arch, u32 type)
{
	return arch->reloc_name(type) ?: "unknown";
}

static inline bool rela_applies(const struct elfk_rel *rel, u32 i)
{
	const Elf64_Shdr *sh = &rel->shdrs[i];

	return sh->sh_type == SHT_RELA && rel->secs[sh->sh_info].run;
}

/*
 * An indirect branch through the GOT in code (a call through the symbol's
 * GOT slot, which -fno-plt makes and which the __tls_get_addr() sequences
 * use) that the arch rewrites into a direct branch.  Decided on the caller's image,
 * which neither pass modifies, so both passes agree.
 */
static inline bool branch_via_got(const struct elfk_rel *rel,
				  const struct elfk_arch_ops *arch, u32 target,
				  u32 type, u64 r_offset)
{
	const Elf64_Shdr *sh = &rel->shdrs[target];

	if (!arch->rel_ops->branch_via_got || !(sh->sh_flags & SHF_EXECINSTR) ||
	    sh->sh_type != SHT_PROGBITS)
		return false;
	return arch->rel_ops->branch_via_got(type, rel->image + sh->sh_offset +
					     r_offset, r_offset);
}

/* The region offset of @off in section @sec, which may be word-reversed. */
static inline u64 field_offset(const struct elfk_rel *rel, u32 sec, u64 off)
{
	const struct elfk_rel_sec *s = &rel->secs[sec];

	if (s->reversed)
		return s->addr + rel->shdrs[sec].sh_size - 8 - off;
	return s->addr + off;
}

int ld_check_shdr_table(struct elfk_elf *elf, struct elfk_rel *rel,
			const struct elfk_limits *lim, struct elfk_log *log);
int ld_parse_sections(struct elfk_elf *elf, struct elfk_rel *rel,
		      const struct elfk_limits *lim, struct elfk_log *log);
int ld_parse_needed(struct elfk_elf *elf, struct elfk_rel *rel, u32 i,
		    struct elfk_log *log);
int ld_check_strtab(const struct elfk_elf *elf, const struct elfk_rel *rel,
		    u32 i, struct elfk_log *log);
int ld_parse_symtab(struct elfk_elf *elf, struct elfk_rel *rel,
		    const struct elfk_limits *lim, struct elfk_log *log);
int ld_check_symbol(struct elfk_rel *rel, u32 i, struct elfk_log *log);
int ld_count_relocs(struct elfk_elf *elf, struct elfk_rel *rel,
		    const struct elfk_limits *lim, struct elfk_log *log);
int ld_layout(struct elfk_elf *elf, struct elfk_rel *rel,
	      const struct elfk_limits *lim, struct elfk_log *log);
void ld_rebase_symbols(struct elfk_rel *rel);
int ld_build_index(struct elfk_rel *rel, struct elfk_log *log);
int ld_pairs_alloc(struct elfk_rel *rel, struct elfk_log *log);
int ld_pairs_index(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		   struct elfk_log *log);
int ld_pair_lo(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
	       struct elfk_rel_fixup *f, struct elfk_log *log);
void ld_pair_hi(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		const struct elfk_rel_fixup *f, u64 off);

#endif /* _ELFK_LD_H */
