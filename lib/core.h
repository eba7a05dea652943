/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The portable ELF core: parsing, validation, layout, symbol lookup and the
 * relocation driver.  Everything here compiles unchanged in the kernel and
 * in userspace (see env.h); nothing here allocates executable memory, takes
 * a lock or knows about the device.
 *
 * A load goes through the core in one order, written down once, in
 * elfk_image_load() (load.c); every caller runs it with its own
 * environment (struct elfk_load_env):
 *
 *   elfk_elf_parse()      validate every header, table and string against
 *                         the image, before anything is allocated
 *   env->alloc()          elf->vsize bytes, zeroed, elf->align aligned
 *   elfk_elf_place()      copy the segments into that memory
 *   env->bind()           dependencies, the TLS module id
 *   elfk_reloc_apply()    resolve symbols and apply the relocations
 *   elfk_elf_check_entries(), elfk_elf_check_branch_targets()
 *   elfk_elf_walk_prot_relro_rw(), elfk_reloc_apply_ifuncs()  IFUNC pass
 *   elfk_elf_walk_prot()  the final permission of every page
 *
 * An ET_DYN shared object and an ET_REL object ("gcc -c") take the same
 * steps: after parsing, each goes through its format's table (struct
 * elfk_format_ops, format.c), and an ET_REL object's sections become
 * synthetic segments, so the permission walks and entry checks are one.
 */
#ifndef _ELFK_CORE_H
#define _ELFK_CORE_H

#include "env.h"
#include <linux/elfk.h>

/* ---- log buffer (log.c) ------------------------------------------------ */

/**
 * struct elfk_log - the caller's log buffer, in the style of the BPF verifier
 * @buf: destination, or NULL when no log was asked for
 * @size: size of @buf in bytes
 * @level: 0, ELFK_LOG_LEVEL_ERROR or ELFK_LOG_LEVEL_VERBOSE
 * @len_total: bytes the whole log needs, not counting the final NUL
 */
struct elfk_log {
	char *buf;
	u32 size;
	u32 level;
	u64 len_total;
};

void elfk_log_init(struct elfk_log *log, char *buf, u32 size, u32 level);
__printf(3, 4) void elfk_log_printf(struct elfk_log *log, u32 level,
				    const char *fmt, ...);
bool elfk_log_truncated(const struct elfk_log *log);
u32 elfk_log_true_size(const struct elfk_log *log);

#define elfk_log_err(log, fmt, ...) \
	elfk_log_printf(log, ELFK_LOG_LEVEL_ERROR, fmt "\n", ##__VA_ARGS__)
#define elfk_log_verbose(log, fmt, ...) \
	elfk_log_printf(log, ELFK_LOG_LEVEL_VERBOSE, fmt "\n", ##__VA_ARGS__)

/* Log the reason and evaluate to the errno: "return elfk_reject(...);" */
#define elfk_reject(log, err, fmt, ...)                 \
	({                                              \
		elfk_log_err(log, fmt, ##__VA_ARGS__);  \
		(err);                                  \
	})

/* ---- the parsed object -------------------------------------------------- */

struct elfk_arch_ops;
struct elfk_format_ops;
struct elfk_rel;
struct elfk_rel_ops;

#define ELFK_PROT_R 0x1
#define ELFK_PROT_W 0x2
#define ELFK_PROT_X 0x4

#define ELFK_MAX_PHNUM 64
#define ELFK_MAX_LOAD_SEGMENTS 16
#define ELFK_MAX_NEEDED 16
/* An ET_REL object's needed name: an object name (ELFK_NAME_LEN, NUL included). */
#define ELFK_MAX_NEEDED_NAME (ELFK_NAME_LEN - 1)
#define ELFK_NEEDED_SECTION ".elfk.needed"
#define ELFK_MAX_VERSIONS 256
#define ELFK_MAX_TLS_SIZE 0x100000
#define ELFK_MAX_TLS_ALIGN 4096

/**
 * struct elfk_limits - caps applied while parsing
 * @max_symbols: entries of the dynamic symbol table
 * @max_relocs: entries of DT_RELA plus DT_JMPREL
 * @max_mem: bytes of memory the segments may span
 * @max_sections: section headers of an ET_REL object (0: the default,
 *                ELFK_MAX_SECTIONS)
 */
struct elfk_limits {
	u32 max_symbols;
	u32 max_relocs;
	u64 max_mem;
	u32 max_sections;
};

#define ELFK_MAX_SECTIONS 4096

extern const struct elfk_limits elfk_default_limits;

/**
 * struct elfk_segment - one PT_LOAD, validated
 * @vaddr: p_vaddr
 * @memsz: p_memsz
 * @offset: p_offset
 * @filesz: p_filesz
 * @prot: ELFK_PROT_* from p_flags
 * @phdr_index: index of the program header, for messages
 * @in_place_start: start (vaddr) of the pages the caller's alloc() filled
 *                  with the segment's file bytes itself, so placing skips
 *                  them (see elfk_elf_file_pages()); 0 with
 *                  @in_place_end: none
 * @in_place_end: end (vaddr) of those pages
 * @in_place_final: alloc() gave those pages the segment's final permission
 *                  already, as ld.so maps a read-only segment: the protect
 *                  steps skip them.  Only a segment no step writes after
 *                  alloc() may say so: one without ELFK_PROT_W (relocations
 *                  refuse read-only targets); the load refuses it otherwise
 */
struct elfk_segment {
	u64 vaddr;
	u64 memsz;
	u64 offset;
	u64 filesz;
	u32 prot;
	u32 phdr_index;
	u64 in_place_start;
	u64 in_place_end;
	bool in_place_final;
};

/*
 * The decoded dynamic section.  Each field holds the value of the DT_ tag it
 * is named after (addresses are link-time vaddrs) and is meaningful only
 * when the matching bit of .present (enum elfk_dyn_bit) is set.  The tags
 * are listed once, in dyn/tags.h.
 */
struct elfk_dynamic {
	u64 present;
	u64 strtab, strsz, symtab, syment;
	u64 hash, gnu_hash;
	u64 rela, relasz, relaent;
	u64 jmprel, pltrelsz, pltrel;
	u64 init, fini;
	u64 init_array, init_arraysz;
	u64 fini_array, fini_arraysz;
	u64 soname;
	u64 flags, flags_1;
	u64 relr, relrsz, relrent;
	u64 versym, verdef, verdefnum, verneed, verneednum;
};

/* Bits of elfk_dynamic.present. */
enum elfk_dyn_bit {
#define ELFK_DYN_TAG(tag, field) ELFK_DYN_##tag,
#include "dyn/tags.h"
#undef ELFK_DYN_TAG
};

#define ELFK_HAS(dyn, bit) (((dyn)->present >> ELFK_DYN_##bit) & 1)

/**
 * struct elfk_tls - the object's PT_TLS segment, validated
 * @vaddr: start of the initialisation image (.tdata)
 * @filesz: bytes of the initialisation image
 * @memsz: bytes of a block (.tdata plus the zeroed .tbss)
 * @align: alignment of a block, a power of two
 */
struct elfk_tls {
	u64 vaddr;
	u64 filesz;
	u64 memsz;
	u64 align;
};

/**
 * struct elfk_gnu_hash - a validated DT_GNU_HASH table, in loaded memory
 * @nbuckets: number of buckets
 * @symoffset: index of the first hashed symbol
 * @bloom_size: number of 64-bit Bloom words, a power of two
 * @bloom_shift: shift of the second Bloom hash
 * @bloom: the Bloom filter
 * @buckets: the buckets
 * @chain: hash values, indexed by symbol index - @symoffset
 */
struct elfk_gnu_hash {
	u32 nbuckets;
	u32 symoffset;
	u32 bloom_size;
	u32 bloom_shift;
	const u64 *bloom;
	const u32 *buckets;
	const u32 *chain;
};

/**
 * struct elfk_sysv_hash - a validated DT_HASH table, in loaded memory
 * @nbucket: number of buckets
 * @nchain: number of chain entries, equal to the number of symbols
 * @buckets: the buckets
 * @chains: the chains
 */
struct elfk_sysv_hash {
	u32 nbucket;
	u32 nchain;
	const u32 *buckets;
	const u32 *chains;
};

/**
 * struct elfk_elf - an ELF object as the core sees it
 * @image: the caller's copy of the file; read only, needed until placed
 * @image_size: its size
 * @ehdr: the ELF header, inside @image
 * @phdrs: the program headers, inside @image
 * @phnum: their number
 * @segs: the PT_LOAD segments, in address order
 * @nr_segs: their number
 * @align: largest p_align, at least PAGE_SIZE; the placement alignment
 * @vbase: lowest PT_LOAD address, rounded down to @align
 * @vsize: bytes from @vbase to the end of the last segment, page rounded
 * @relro_start: start of PT_GNU_RELRO, rounded down to a page (vaddr)
 * @relro_end: end of PT_GNU_RELRO, rounded down to a page (vaddr)
 * @dyn_offset: file offset of PT_DYNAMIC
 * @dyn_count: entries of PT_DYNAMIC up to and including DT_NULL
 * @dyn: the decoded dynamic section
 * @nr_syms: entries in the dynamic symbol table
 * @nr_relocs: entries in DT_RELA plus DT_JMPREL
 * @base: where the object was placed; NULL before elfk_elf_place()
 * @run: where the object runs, when that is not @base: @base is then a
 *       writable alias of the same pages, used only while loading (set by
 *       the caller's alloc(); NULL: the object runs at @base)
 * @symtab: the dynamic symbol table, in placed memory
 * @strtab: the dynamic string table, in placed memory
 * @soname: DT_SONAME in placed memory, or NULL
 * @gnu: DT_GNU_HASH, valid when @has_gnu
 * @sysv: DT_HASH, valid when @has_sysv
 * @has_gnu: the object has DT_GNU_HASH
 * @has_sysv: the object has DT_HASH
 * @has_tls: the object has a PT_TLS segment, described by @tls
 * @tls: its PT_TLS segment
 * @tls_modid: its TLS module id, set by the caller before relocation
 * @nr_ifunc_relocs: relocations elfk_reloc_apply() left for the IFUNC pass
 *                   (ET_REL: IFUNC symbols whose stub slot waits for it)
 * @nr_needed: number of objects it needs: DT_NEEDED entries (ET_DYN), or
 *             names in its .elfk.needed section (ET_REL)
 * @needed: their names, as offsets in DT_STRTAB or in that section's
 *          copy; read them with elfk_elf_needed()
 * @versym: DT_VERSYM in placed memory, or NULL
 * @rel: for an ET_REL object, its sections, symbols and GOT/PLT layout
 *       (lib/ld/; freed by elfk_elf_release()), otherwise NULL
 * @fmt: its format (elfk_dyn_format or elfk_ld_format), set by
 *       elfk_elf_parse(); every step after parsing goes through it
 * @arch: the architecture it was parsed for (elfk_elf_parse()'s @arch)
 */
struct elfk_elf {
	const u8 *image;
	u64 image_size;
	const Elf64_Ehdr *ehdr;
	const Elf64_Phdr *phdrs;
	u32 phnum;

	struct elfk_segment segs[ELFK_MAX_LOAD_SEGMENTS];
	u32 nr_segs;
	u64 align;
	u64 vbase;
	u64 vsize;
	u64 relro_start;
	u64 relro_end;
	u64 dyn_offset;
	u64 dyn_count;

	struct elfk_dynamic dyn;
	u32 nr_syms;
	u32 nr_relocs;

	u8 *base;
	u8 *run;
	const Elf64_Sym *symtab;
	const char *strtab;
	const char *soname;
	struct elfk_gnu_hash gnu;
	struct elfk_sysv_hash sysv;
	bool has_gnu;
	bool has_sysv;
	bool has_tls;
	struct elfk_tls tls;
	u64 tls_modid;
	u32 nr_ifunc_relocs;
	u32 nr_needed;
	u32 needed[ELFK_MAX_NEEDED];
	const u16 *versym;
	struct elfk_rel *rel;
	const struct elfk_format_ops *fmt;
	const struct elfk_arch_ops *arch;
};

/* Whether the file range [@off, @off + @len) is inside the image. */
static inline bool elfk_elf_in_image(const struct elfk_elf *elf, u64 off,
				     u64 len)
{
	u64 end;

	return !check_add_overflow(off, len, &end) && end <= elf->image_size;
}

/* Address in placed memory of the object's virtual address @vaddr. */
static inline void *elfk_elf_ptr(const struct elfk_elf *elf, u64 vaddr)
{
	return elf->base + (vaddr - elf->vbase);
}

/* Run-time address minus link-time address: what relocations add. */
static inline u64 elfk_elf_bias(const struct elfk_elf *elf)
{
	return (u64)(unsigned long)(elf->run ?: elf->base) - elf->vbase;
}

/* Where @vaddr is when the object runs (elfk_elf_ptr() unless aliased). */
static inline void *elfk_elf_run_ptr(const struct elfk_elf *elf, u64 vaddr)
{
	return (elf->run ?: elf->base) + (vaddr - elf->vbase);
}

/* elf_header.c */
int elfk_elf_parse_headers(struct elfk_elf *elf,
			   const struct elfk_arch_ops *arch, const void *image,
			   u64 size, const struct elfk_limits *lim,
			   struct elfk_log *log);
const struct elfk_segment *elfk_elf_segment_of(const struct elfk_elf *elf,
					       u64 vaddr, u64 len);
bool elfk_elf_is_text(const struct elfk_elf *elf, u64 vaddr);
u64 elfk_elf_text_left(const struct elfk_elf *elf, u64 vaddr);
bool elfk_elf_tls_sym_fits(const struct elfk_elf *elf, const Elf64_Sym *sym);

/* format.c: elfk_elf_parse(), elfk_elf_place(), elfk_elf_release(),
 * elfk_reloc_apply() and elfk_elf_needed() go through elf->fmt, as does
 * the IFUNC pass, elfk_reloc_apply_ifuncs() (ifunc.c).
 */
const char *elfk_elf_needed(const struct elfk_elf *elf, u32 i);

/* dyn/dynamic.c */
const void *elfk_elf_image_range(const struct elfk_elf *elf, u64 vaddr,
				 u64 len, bool readonly, const char *what,
				 struct elfk_log *log, int *err);
int elfk_elf_parse_dynamic(struct elfk_elf *elf, const struct elfk_limits *lim,
			   struct elfk_log *log);
int elfk_dyn_parse(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		   const void *image, u64 size, const struct elfk_limits *lim,
		   struct elfk_log *log);
int elfk_elf_parse(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		   const void *image, u64 size, const struct elfk_limits *lim,
		   struct elfk_log *log);
void elfk_elf_release(struct elfk_elf *elf);

/* lib/ld/: ET_REL objects (see elf_rel.h) */
void elfk_rel_release(struct elfk_elf *elf);
int elfk_rel_parse(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		   const void *image, u64 size, const struct elfk_limits *lim,
		   struct elfk_log *log);
void elfk_rel_place(struct elfk_elf *elf, void *base);
const Elf64_Sym *elfk_rel_lookup(const struct elfk_elf *elf, const char *name);
const Elf64_Sym *elfk_rel_lookup_hash(const struct elfk_elf *elf,
				      const char *name, u32 hash);
const char *elfk_rel_needed(const struct elfk_elf *elf, u32 i);
bool elfk_rel_section_addr(const struct elfk_elf *elf, u32 i, u64 *addr);

/* elf_layout.c */
void elfk_elf_place(struct elfk_elf *elf, void *base);
bool elfk_elf_file_pages(const struct elfk_elf *elf, u32 i, u64 *start,
			 u64 *end);
void elfk_dyn_place(struct elfk_elf *elf, void *base);
void elfk_dyn_point_tables(struct elfk_elf *elf);
void elfk_elf_rebase_to_run(struct elfk_elf *elf);
int elfk_elf_check_entries(const struct elfk_elf *elf, struct elfk_log *log);
int elfk_elf_check_branch_targets(const struct elfk_elf *elf,
				  const struct elfk_arch_ops *arch,
				  struct elfk_log *log);
typedef int (*elfk_prot_fn)(void *ctx, u64 offset, u64 len, u32 prot);
int elfk_elf_walk_prot(const struct elfk_elf *elf, elfk_prot_fn fn, void *ctx);
int elfk_elf_walk_prot_relro_rw(const struct elfk_elf *elf, elfk_prot_fn fn,
				void *ctx);

/* dyn/symbols.c */
u32 elfk_gnu_hash(const char *name);
u32 elfk_sysv_hash(const char *name);
int elfk_elf_parse_hash(struct elfk_elf *elf, const struct elfk_limits *lim,
			struct elfk_log *log);
const Elf64_Sym *elfk_elf_lookup(const struct elfk_elf *elf, const char *name);
const char *elfk_elf_sym_name(const struct elfk_elf *elf,
			      const Elf64_Sym *sym);
const Elf64_Sym *elfk_elf_lookup_version(const struct elfk_elf *elf,
					 const char *name, const char *version);
struct elfk_sym_key;
const Elf64_Sym *elfk_elf_lookup_key(const struct elfk_elf *elf,
				     const struct elfk_sym_key *key);
const Elf64_Sym *elfk_dyn_lookup(const struct elfk_elf *elf, const char *name,
				 u32 hash, const char *version);

/* dyn/version.c */
int elfk_elf_parse_versions(struct elfk_elf *elf, struct elfk_log *log);
const char *elfk_dyn_needed(const struct elfk_elf *elf, u32 i);
const char *elfk_elf_ref_version(const struct elfk_elf *elf, u32 symidx,
				 const char **file);
bool elfk_elf_def_matches(const struct elfk_elf *elf, u32 symidx,
			  const char *version);

/* ---- relocation (dyn/reloc.c, ld/relocate.c and arch/<arch>/) --------- */

/**
 * struct elfk_sym_result - what a resolver found for an undefined symbol
 * @value: the address, or for a TLS symbol its offset in its block
 * @tls_modid: for a TLS symbol, the TLS module id of its object
 */
struct elfk_sym_result {
	u64 value;
	u64 tls_modid;
};

/**
 * struct elfk_sym_key - an undefined symbol as a resolver looks it up
 * @name: its name
 * @hash: elfk_gnu_hash(@name), computed once for the whole lookup scope
 * @version: the version the reference asks for, or NULL
 * @file: the DT_NEEDED entry naming @version's provider, or NULL
 * @type: the reference's STT_* type
 */
struct elfk_sym_key {
	const char *name;
	u32 hash;
	const char *version;
	const char *file;
	u8 type;
};

/**
 * struct elfk_resolver - where undefined symbols are looked up
 * @lookup: store the address of @name in *@value and return 0, or return
 *          -ENOENT when it is not found (any other errno aborts the load)
 * @lookup_version: if set, used instead of @lookup: also given the version
 *                  the reference asks for and the DT_NEEDED file naming it
 *                  (both NULL when unversioned), and the symbol's type
 * @lookup_key: if set, used instead of both: the same question with the
 *              name's GNU hash already computed, so that no entry of the
 *              scope hashes the name again
 * @ctx: passed to all three
 */
struct elfk_resolver {
	int (*lookup)(void *ctx, const char *name, u64 *value);
	int (*lookup_version)(void *ctx, const char *name, const char *version,
			      const char *file, u8 type,
			      struct elfk_sym_result *res);
	int (*lookup_key)(void *ctx, const struct elfk_sym_key *key,
			  struct elfk_sym_result *res);
	void *ctx;
};

/**
 * struct elfk_reloc - one relocation, resolved, handed to the arch
 * @type: r_type
 * @table: "DT_RELA" or "DT_JMPREL", for messages
 * @index: index in @table
 * @where: placed address of the field to patch
 * @P: run-time address of the field
 * @S: symbol value (0 for none)
 * @A: addend
 * @B: load bias: run-time address minus link-time address
 * @sym_name: symbol name, or "" when the relocation has no symbol
 * @tls_modid: TLS module id of the object defining the symbol (or of
 *             this object when there is no symbol); 0 if it has no TLS
 * @ifunc: the value comes from an IFUNC resolver (S is the resolver's
 *         result by the time the arch sees it)
 */
struct elfk_reloc {
	u32 type;
	const char *table;
	u64 index;
	u8 *where;
	u64 P;
	u64 S;
	s64 A;
	u64 B;
	const char *sym_name;
	u64 tls_modid;
	bool ifunc;
};

/**
 * struct elfk_arch_ops - everything architecture specific, in one table
 * @name: architecture name, for messages
 * @machine: e_machine it loads
 * @reloc_name: the psABI name of a relocation type, or NULL if unknown
 * @reloc_width: bytes a supported dynamic relocation writes, or 0 when the
 *               type is refused
 * @reloc_refusal: why a refused type is refused, when there is more to say
 *                 than its name (or NULL)
 * @reloc_is_tls: whether a type addresses thread-local storage
 * @irelative_type: the type whose value is the result of calling B + A
 * @reloc_apply: compute and write one relocation (range checked)
 * @reloc_is_noop: whether a type asks for nothing to be done (the psABI's
 *                 R_<arch>_NONE and its kin), in either format
 * @tlsdesc_refusal: why the arch refuses TLS descriptors (DT_TLSDESC_PLT,
 *                   DT_TLSDESC_GOT), or NULL when its relocation ops
 *                   handle them
 * @branch_target: whether the code at @p (of @len bytes at most) may be the
 *                 target of an indirect branch under the CPU's control-flow
 *                 enforcement (e.g. starts with the arch's landing-pad
 *                 instruction)
 * @branch_target_name: what @branch_target looks for, for messages
 * @branch_target_cflags: the compiler option that emits it, for messages
 *                        (NULL: none to suggest)
 * @thread_pointer: the register the initial- and local-exec TLS models
 *                  address TLS through, for messages (NULL: "the thread
 *                  pointer")
 * @rel_ops: the static relocations of ET_REL objects (lib/elf_rel.h), or
 *           NULL: the arch loads no ET_REL objects
 *
 * The core is given the table it works for (elfk_elf_parse(), struct
 * elfk_load_env); it never names an architecture's table itself.
 */
struct elfk_arch_ops {
	const char *name;
	u16 machine;
	const char *(*reloc_name)(u32 type);
	u32 (*reloc_width)(u32 type);
	const char *(*reloc_refusal)(u32 type);
	bool (*reloc_is_tls)(u32 type);
	u32 irelative_type;
	int (*reloc_apply)(const struct elfk_reloc *r, struct elfk_log *log);
	bool (*reloc_is_noop)(u32 type);
	const char *tlsdesc_refusal;
	bool (*branch_target)(const u8 *p, u64 len);
	const char *branch_target_name;
	const char *branch_target_cflags;
	const char *thread_pointer;
	const struct elfk_rel_ops *rel_ops;
};

/* The architecture this build loads for (arch/<arch>/ops.c). */
extern const struct elfk_arch_ops elfk_arch_ops;

/**
 * struct elfk_arch_mem_ops - the kernel-only half of an architecture
 * @set_prot: give [addr, addr + len) the ELFK_PROT_* permission @prot
 * @flush: make @set_prot changes visible on every CPU
 * @get_prot: the ELFK_PROT_* permission of the page at @addr now, 0 if
 *            unmapped (for tests and diagnostics)
 * @enforces_branch_targets: whether this kernel enforces indirect branch
 *                           targets (struct elfk_arch_ops.branch_target)
 *
 * Defined by arch/<arch>/mem.c, which only Kbuild builds; the portable
 * core never uses it.
 */
struct elfk_arch_mem_ops {
	int (*set_prot)(void *addr, unsigned long len, u32 prot);
	void (*flush)(void);
	u32 (*get_prot)(const void *addr);
	bool (*enforces_branch_targets)(void);
};

extern const struct elfk_arch_mem_ops elfk_arch_mem_ops;

int elfk_reloc_apply(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		     const struct elfk_resolver *res, struct elfk_log *log);
int elfk_dyn_relocate(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		      const struct elfk_resolver *res, struct elfk_log *log);
int elfk_rel_relocate(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		      const struct elfk_resolver *res, struct elfk_log *log);
struct elfk_ifunc;
int elfk_dyn_next_ifunc(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
			const struct elfk_resolver *res, struct elfk_ifunc *it,
			struct elfk_log *log);
int elfk_dyn_set_ifunc(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		       struct elfk_ifunc *it, u64 value, struct elfk_log *log);
int elfk_rel_next_ifunc(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
			const struct elfk_resolver *res, struct elfk_ifunc *it,
			struct elfk_log *log);
int elfk_rel_set_ifunc(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		       struct elfk_ifunc *it, u64 value, struct elfk_log *log);
int elfk_reloc_apply_ifuncs(struct elfk_elf *elf,
			    const struct elfk_arch_ops *arch,
			    const struct elfk_resolver *res, bool check_targets,
			    struct elfk_log *log);

/**
 * struct elfk_ifunc - one IFUNC of the IFUNC pass (ifunc.c), as a format
 *                     hands it over
 * @resolver: link-time address of the resolver
 * @name: the IFUNC symbol, when the format names an IFUNC by its symbol
 *        (ET_REL); NULL: by its relocation, @r.table and @r.index
 * @r: the relocation the resolver's result completes (ET_DYN: applied by
 *     the arch with that result as S; ET_REL: @r.where is the GOT slot
 *     the symbol's PLT stub jumps through)
 * @table: the format's cursor: which of its tables
 * @pos: the format's cursor: the next entry to look at
 */
struct elfk_ifunc {
	u64 resolver;
	const char *name;
	struct elfk_reloc r;
	u32 table;
	u64 pos;
};

/* ---- the two formats (format.c) ---------------------------------------- */

/**
 * struct elfk_format_ops - what differs between ET_DYN and ET_REL
 * @name: "ET_DYN" or "ET_REL", for messages
 * @e_type: the e_type it loads (ET_DYN or ET_REL)
 * @parse: validate the image into @elf (starting from a zeroed object)
 * @place: copy the object into the caller's memory at @base
 * @rebase: read what the object keeps in placed memory at elf->base
 *          again, once elf->base has moved to elf->run (may be NULL:
 *          nothing is read there)
 * @relocate: resolve symbols and apply the relocations, deferring the
 *            ones an IFUNC resolver decides (elf->nr_ifunc_relocs)
 * @next_ifunc: the next IFUNC elf->nr_ifunc_relocs counted, after
 *              @it's cursor (zeroed for the first): fill @it and return 1,
 *              or return 0 when none is left, or a negative errno
 * @set_ifunc: write @value, what @it's resolver returned
 * @text_name: where an IFUNC resolver must be, for messages
 * @lookup: the object's definition of @name, whose elfk_gnu_hash() is
 *          @hash, for @version (NULL: the default version), or NULL
 * @release: free what @parse allocated (may be NULL: nothing)
 * @needed: the name of the @i-th object it needs (@i < elf->nr_needed)
 * @needed_from: where those names come from, for messages ("DT_NEEDED",
 *               ".elfk.needed")
 * @file_segments: @place copies each segment from its p_offset, so a
 *                 page of file bytes may be given to the object in place
 *                 (elfk_elf_file_pages()); ET_REL lays out sections
 */
struct elfk_format_ops {
	const char *name;
	u16 e_type;
	int (*parse)(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		     const void *image, u64 size, const struct elfk_limits *lim,
		     struct elfk_log *log);
	void (*place)(struct elfk_elf *elf, void *base);
	void (*rebase)(struct elfk_elf *elf);
	int (*relocate)(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
			const struct elfk_resolver *res, struct elfk_log *log);
	int (*next_ifunc)(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
			  const struct elfk_resolver *res, struct elfk_ifunc *it,
			  struct elfk_log *log);
	int (*set_ifunc)(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
			 struct elfk_ifunc *it, u64 value, struct elfk_log *log);
	const char *text_name;
	const Elf64_Sym *(*lookup)(const struct elfk_elf *elf, const char *name,
				   u32 hash, const char *version);
	void (*release)(struct elfk_elf *elf);
	const char *(*needed)(const struct elfk_elf *elf, u32 i);
	const char *needed_from;
	bool file_segments;
};

extern const struct elfk_format_ops elfk_dyn_format;
extern const struct elfk_format_ops elfk_ld_format;

/* An object built by hand rather than parsed is ET_DYN, as before formats. */
static inline const struct elfk_format_ops *elfk_elf_fmt(const struct elfk_elf *elf)
{
	return elf->fmt ? elf->fmt : &elfk_dyn_format;
}

/* The e_type of an object, parsed or built, as its format loads it. */
static inline u16 elfk_elf_type(const struct elfk_elf *elf)
{
	return elfk_elf_fmt(elf)->e_type;
}

/* ---- the load driver (load.c) ----------------------------------------- */

/* The steps after which a caller may look at the object or stop the load. */
enum elfk_load_step {
	ELFK_LOAD_ALL,		/* stop_after: run every step */
	ELFK_LOAD_PARSED,	/* validated; nothing allocated */
	ELFK_LOAD_PLACED,	/* allocated and placed */
	ELFK_LOAD_BOUND,	/* dependencies and TLS module id known */
	ELFK_LOAD_RELOCATED,	/* relocated, entries and branch targets checked */
	ELFK_LOAD_PROTECTED,	/* IFUNC pass done, final permissions */
};

/* What @observe returns to end a load early and successfully. */
#define ELFK_LOAD_STOP 1

/**
 * struct elfk_load_env - what the caller of elfk_image_load() provides
 * @arch: the architecture
 * @limits: caps applied while parsing (NULL: elfk_default_limits)
 * @resolver: where undefined symbols are looked up
 * @log: the log
 * @alloc: store in *@base memory for the object (@elf->vsize bytes, zeroed,
 *         aligned to @elf->align) and return 0, or return an errno (and
 *         log why); the caller frees it after elfk_image_load().  Pages
 *         elfk_elf_file_pages() names need not be zeroed: placing copies
 *         over them, unless alloc() filled some with the file's bytes
 *         itself and said so in the segment's @in_place_start/_end (the
 *         pages elfk_elf_file_span() names, whole pages of the file; with
 *         @in_place_final if they already have their final permission)
 * @bind: if set, called once the object is placed, before relocation:
 *        link its dependencies, give it a TLS module id (may fail)
 * @tls_modid: the TLS module id an object with PT_TLS gets before @bind
 * @protect: if set, gives [offset, offset + len) of the placed object the
 *           ELFK_PROT_* permission; NULL leaves the memory as allocated.
 *           Never called for pages a segment's @in_place_final covers
 * @flush: if set, makes @protect's changes visible, after each walk
 * @check_branch_targets: refuse entry points, exported functions and
 *                        IFUNC resolvers that are not indirect branch
 *                        targets, after relocation (the kernel: when the
 *                        CPU enforces them)
 * @check_ifunc_targets: the IFUNC pass refuses such a resolver rather than
 *                       call it (the kernel: as @check_branch_targets; a
 *                       test may set it alone to reach the pass's check)
 * @observe: if set, called after each step with the step done; returns 0
 *           to go on, ELFK_LOAD_STOP to end the load there, or an errno
 * @stop_after: the last step to run (ELFK_LOAD_ALL: every step)
 * @ctx: passed to every callback
 */
struct elfk_load_env {
	const struct elfk_arch_ops *arch;
	const struct elfk_limits *limits;
	const struct elfk_resolver *resolver;
	struct elfk_log *log;
	int (*alloc)(void *ctx, struct elfk_elf *elf, void **base,
		     struct elfk_log *log);
	int (*bind)(void *ctx, struct elfk_elf *elf, struct elfk_log *log);
	u64 tls_modid;
	elfk_prot_fn protect;
	void (*flush)(void *ctx);
	bool check_branch_targets;
	bool check_ifunc_targets;
	int (*observe)(void *ctx, enum elfk_load_step done,
		       struct elfk_elf *elf);
	enum elfk_load_step stop_after;
	void *ctx;
};

int elfk_image_load(struct elfk_elf *elf, const void *image, u64 size,
		    const struct elfk_load_env *env);
bool elfk_elf_file_span(const struct elfk_elf *elf, u32 i, u64 *start,
			u64 *end);

#endif /* _ELFK_CORE_H */
