// SPDX-License-Identifier: GPL-2.0
/*
 * ET_REL objects: what "gcc -c" and "ld -r" produce.
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
 * IFUNC pass, once the text is executable (elfk_rel_apply_ifuncs()).  Such
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
#include "core.h"
#include "elf_rel.h"

#define ELFK_REL_MAX_ALIGN 0x10000ULL	/* as PT_LOAD's p_align */
/* Every rel32 between the runs (PLT to GOT, GOTPCREL) must reach. */
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
#define ELFK_SHT_X86_64_UNWIND 0x70000001	/* .eh_frame */

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
};

static u64 align_up(u64 x, u64 a)
{
	return (x + a - 1) & ~(a - 1);
}

static bool in_image(const struct elfk_elf *elf, u64 off, u64 len)
{
	u64 end;

	return !check_add_overflow(off, len, &end) && end <= elf->image_size;
}

/* sh_name is checked against .shstrtab before any message uses it. */
static const char *sec_name(const struct elfk_rel *rel, u32 i)
{
	u32 n = rel->shdrs[i].sh_name;

	return n < rel->shstrsz ? rel->shstr + n : "?";
}

/* Loaded: in one of the runs, or a .tbss that only the TLS block holds. */
static bool sec_loaded(const struct elfk_rel *rel, u32 i)
{
	return rel->secs[i].run || rel->secs[i].tls;
}

static void *zalloc_array(u64 n, u64 size)
{
	u64 bytes;

	if (check_mul_overflow(n, size, &bytes) || bytes > U32_MAX)
		return NULL;
	return elfk_env_zalloc(bytes ? bytes : 1);
}

/**
 * elfk_elf_release() - free what parsing allocated for an object
 * @elf: the object; NULL-safe and idempotent
 *
 * Only ET_REL objects allocate (elfk_rel_parse()); for ET_DYN this does
 * nothing.  Lookups in the object are invalid afterwards.
 */
void elfk_elf_release(struct elfk_elf *elf)
{
	struct elfk_rel *rel = elf ? elf->rel : NULL;

	if (!rel)
		return;
	elfk_env_free(rel->secs);
	elfk_env_free(rel->syms);
	elfk_env_free(rel->strtab);
	elfk_env_free(rel->got_of);
	elfk_env_free(rel->plt_of);
	elfk_env_free(rel->tlsgd_of);
	elfk_env_free(rel->value);
	elfk_env_free(rel->resolved);
	elfk_env_free(rel->buckets);
	elfk_env_free(rel->chain);
	elfk_env_free(rel);
	elf->rel = NULL;
	elf->symtab = NULL;
	elf->strtab = NULL;
	elf->nr_syms = 0;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_elf_release);

bool elfk_rel_is_rel(const void *image, u64 size)
{
	return size >= sizeof(Elf64_Ehdr) &&
	       ((const Elf64_Ehdr *)image)->e_type == ET_REL;
}

/* ---- section headers ----------------------------------------------------- */

static int check_shdr_table(struct elfk_elf *elf, struct elfk_rel *rel,
			    const struct elfk_limits *lim, struct elfk_log *log)
{
	const Elf64_Ehdr *eh = elf->ehdr;
	u32 max = lim->max_sections ?: ELFK_MAX_SECTIONS;

	if (eh->e_shoff == 0 || eh->e_shnum == 0) {
		if (eh->e_shoff && !eh->e_shnum)
			return elfk_reject(log, -EOPNOTSUPP,
					   "e_shnum is 0 with e_shoff 0x%llx: extended section numbering (SHN_XINDEX) is not supported",
					   (unsigned long long)eh->e_shoff);
		return elfk_reject(log, -ENOEXEC,
				   "ET_REL object without section headers (e_shoff 0x%llx, e_shnum %u)",
				   (unsigned long long)eh->e_shoff, eh->e_shnum);
	}
	if (eh->e_shentsize != sizeof(Elf64_Shdr))
		return elfk_reject(log, -ENOEXEC, "e_shentsize %u, expected %zu",
				   eh->e_shentsize, sizeof(Elf64_Shdr));
	if (eh->e_shnum >= SHN_LORESERVE)
		return elfk_reject(log, -ENOEXEC,
				   "e_shnum %u is not below SHN_LORESERVE (0x%x)",
				   eh->e_shnum, SHN_LORESERVE);
	if (eh->e_shnum > max)
		return elfk_reject(log, -E2BIG,
				   "e_shnum %u is above the max_sections cap of %u",
				   eh->e_shnum, max);
	if (eh->e_shoff % 8)
		return elfk_reject(log, -ENOEXEC,
				   "e_shoff 0x%llx is not 8-byte aligned",
				   (unsigned long long)eh->e_shoff);
	if (!in_image(elf, eh->e_shoff, (u64)eh->e_shnum * sizeof(Elf64_Shdr)))
		return elfk_reject(log, -ENOEXEC,
				   "section headers at 0x%llx (%u x %zu bytes) run past the %llu-byte image",
				   (unsigned long long)eh->e_shoff, eh->e_shnum,
				   sizeof(Elf64_Shdr),
				   (unsigned long long)elf->image_size);
	if (eh->e_shstrndx == SHN_XINDEX)
		return elfk_reject(log, -EOPNOTSUPP,
				   "e_shstrndx is SHN_XINDEX: extended section numbering is not supported");
	if (eh->e_shstrndx == SHN_UNDEF || eh->e_shstrndx >= eh->e_shnum)
		return elfk_reject(log, -ENOEXEC,
				   "e_shstrndx %u is not a section index (e_shnum %u)",
				   eh->e_shstrndx, eh->e_shnum);
	rel->shdrs = (const Elf64_Shdr *)(elf->image + eh->e_shoff);
	rel->shnum = eh->e_shnum;
	return 0;
}

/* A string table: inside the image, non-empty, NUL-terminated. */
static int check_strtab(const struct elfk_elf *elf, const struct elfk_rel *rel,
			u32 i, struct elfk_log *log)
{
	const Elf64_Shdr *sh = &rel->shdrs[i];

	if (sh->sh_type != SHT_STRTAB)
		return elfk_reject(log, -ENOEXEC,
				   "section %u: sh_type %u where a string table (SHT_STRTAB) is expected",
				   i, sh->sh_type);
	if (!sh->sh_size || !in_image(elf, sh->sh_offset, sh->sh_size) ||
	    elf->image[sh->sh_offset + sh->sh_size - 1])
		return elfk_reject(log, -ENOEXEC,
				   "section %u: string table (0x%llx bytes) is not NUL-terminated",
				   i, (unsigned long long)sh->sh_size);
	return 0;
}

/* Properties of every section header on its own. */
static int check_section(const struct elfk_elf *elf, const struct elfk_rel *rel,
			 u32 i, struct elfk_log *log)
{
	const Elf64_Shdr *sh = &rel->shdrs[i];
	const char *name = sec_name(rel, i);

	if (sh->sh_name >= rel->shstrsz)
		return elfk_reject(log, -ENOEXEC,
				   "section %u: sh_name 0x%x is outside .shstrtab (%llu bytes)",
				   i, sh->sh_name,
				   (unsigned long long)rel->shstrsz);
	if (sh->sh_type != SHT_NOBITS && !in_image(elf, sh->sh_offset, sh->sh_size))
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': file range 0x%llx+0x%llx is outside the %llu-byte image",
				   i, name, (unsigned long long)sh->sh_offset,
				   (unsigned long long)sh->sh_size,
				   (unsigned long long)elf->image_size);
	if (sh->sh_addralign > 1 && !is_power_of_2(sh->sh_addralign))
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': sh_addralign 0x%llx is not a power of two",
				   i, name, (unsigned long long)sh->sh_addralign);
	if (sh->sh_link >= rel->shnum || (sh->sh_info >= rel->shnum &&
					  (sh->sh_type == SHT_RELA ||
					   sh->sh_type == SHT_REL)))
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': sh_link %u or sh_info %u is not a section index (e_shnum %u)",
				   i, name, sh->sh_link, sh->sh_info, rel->shnum);
	if (sh->sh_type == SHT_SYMTAB_SHNDX)
		return elfk_reject(log, -EOPNOTSUPP,
				   "section %u '%s': SHT_SYMTAB_SHNDX (extended section indices) is not supported",
				   i, name);
	if (sh->sh_type == SHT_DYNSYM || sh->sh_type == SHT_DYNAMIC)
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': sh_type %u belongs in a linked object, not an ET_REL",
				   i, name, sh->sh_type);
	if (!(sh->sh_flags & SHF_ALLOC))
		return 0;
	/* Code with no bytes: the text run has none to place for it. */
	if (sh->sh_type == SHT_NOBITS && (sh->sh_flags & SHF_EXECINSTR))
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': executable SHT_NOBITS (sh_flags 0x%llx): code must be in the file",
				   i, name, (unsigned long long)sh->sh_flags);
	if ((sh->sh_flags & SHF_WRITE) && (sh->sh_flags & SHF_EXECINSTR))
		return elfk_reject(log, -EOPNOTSUPP,
				   "section %u '%s': writable and executable (sh_flags 0x%llx); elfk enforces W^X",
				   i, name, (unsigned long long)sh->sh_flags);
	if ((sh->sh_flags & SHF_TLS) &&
	    ((sh->sh_type != SHT_PROGBITS && sh->sh_type != SHT_NOBITS) ||
	     (sh->sh_flags & SHF_EXECINSTR)))
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': a thread-local section (SHF_TLS) must be SHT_PROGBITS or SHT_NOBITS data (sh_type %u, sh_flags 0x%llx)",
				   i, name, sh->sh_type,
				   (unsigned long long)sh->sh_flags);
	if ((sh->sh_flags & SHF_TLS) && sh->sh_addralign > ELFK_MAX_TLS_ALIGN)
		return elfk_reject(log, -EOPNOTSUPP,
				   "section %u '%s': thread-local sh_addralign 0x%llx is above the supported 0x%x",
				   i, name, (unsigned long long)sh->sh_addralign,
				   ELFK_MAX_TLS_ALIGN);
	if (sh->sh_addralign > ELFK_REL_MAX_ALIGN)
		return elfk_reject(log, -EOPNOTSUPP,
				   "section %u '%s': sh_addralign 0x%llx is above the supported 0x%llx",
				   i, name, (unsigned long long)sh->sh_addralign,
				   ELFK_REL_MAX_ALIGN);
	switch (sh->sh_type) {
	case SHT_PROGBITS:
	case SHT_NOBITS:
	case SHT_NOTE:
	case SHT_INIT_ARRAY:
	case SHT_FINI_ARRAY:
	case ELFK_SHT_X86_64_UNWIND:
		return 0;
	case SHT_PREINIT_ARRAY:
		return elfk_reject(log, -EOPNOTSUPP,
				   "section %u '%s': SHT_PREINIT_ARRAY is for executables",
				   i, name);
	default:
		return elfk_reject(log, -EOPNOTSUPP,
				   "section %u '%s': sh_type 0x%x cannot be loaded (SHF_ALLOC)",
				   i, name, sh->sh_type);
	}
}

/* "PREFIX" or "PREFIX.DIGITS": the init priority, as ld reads it. */
static bool group_prio(const char *name, const char *prefix, u32 *prio)
{
	size_t n = strlen(prefix);
	u32 v = 0;

	if (strncmp(name, prefix, n))
		return false;
	if (!name[n]) {
		*prio = 65536;	/* unnumbered sections go last */
		return true;
	}
	if (name[n] != '.')
		return false;
	for (name += n + 1; *name >= '0' && *name <= '9' && v < 65536; name++)
		v = v * 10 + (*name - '0');
	*prio = *name ? 65535 : min_t(u32, v, 65535);
	return true;
}

/* Which run a loaded section goes to, and whether it is an init/fini array. */
static int classify(struct elfk_rel *rel, u32 i, struct elfk_log *log)
{
	const Elf64_Shdr *sh = &rel->shdrs[i];
	struct elfk_rel_sec *s = &rel->secs[i];
	const char *name = sec_name(rel, i);
	u32 prio = 65536;

	if (!(sh->sh_flags & SHF_ALLOC))
		return 0;
	if (sh->sh_flags & SHF_TLS) {
		/* .tdata is the template, read-only once relocated. */
		s->tls = true;
		s->run = sh->sh_type == SHT_NOBITS ? RUN_NONE : RUN_RODATA;
		return 0;
	}
	if (sh->sh_type == SHT_INIT_ARRAY ||
	    (sh->sh_type == SHT_PROGBITS && group_prio(name, ".ctors", &prio))) {
		s->group = GROUP_INIT;
	} else if (sh->sh_type == SHT_FINI_ARRAY ||
		   (sh->sh_type == SHT_PROGBITS && group_prio(name, ".dtors", &prio))) {
		s->group = GROUP_FINI;
	}
	if (s->group) {
		if (sh->sh_size % 8 || sh->sh_type == SHT_NOBITS ||
		    (sh->sh_flags & SHF_EXECINSTR))
			return elfk_reject(log, -ENOEXEC,
					   "section %u '%s': an init/fini array must be file-backed, not executable, and a whole number of 8-byte entries (0x%llx bytes)",
					   i, name, (unsigned long long)sh->sh_size);
		s->reversed = sh->sh_type == SHT_PROGBITS;
		/* ld names .ctors.N with N = 65535 - priority. */
		if (s->reversed)
			s->prio = prio > 65535 ? prio : 65535 - prio;
		else if (!group_prio(name, s->group == GROUP_INIT ?
				     ".init_array" : ".fini_array", &s->prio))
			s->prio = 65536;
		s->run = RUN_RODATA;
	} else if (sh->sh_flags & SHF_EXECINSTR) {
		s->run = RUN_TEXT;
	} else if (sh->sh_flags & SHF_WRITE) {
		s->run = RUN_DATA;
	} else {
		s->run = RUN_RODATA;
	}
	return 0;
}

static int parse_sections(struct elfk_elf *elf, struct elfk_rel *rel,
			  const struct elfk_limits *lim, struct elfk_log *log)
{
	const Elf64_Shdr *shstr = &rel->shdrs[elf->ehdr->e_shstrndx];
	u32 i, nsymtab = 0;
	int err;

	if (shstr->sh_type != SHT_STRTAB ||
	    !in_image(elf, shstr->sh_offset, shstr->sh_size))
		return elfk_reject(log, -ENOEXEC,
				   "e_shstrndx %u: section is not a string table inside the image (sh_type %u, 0x%llx+0x%llx)",
				   elf->ehdr->e_shstrndx, shstr->sh_type,
				   (unsigned long long)shstr->sh_offset,
				   (unsigned long long)shstr->sh_size);
	rel->shstr = (const char *)elf->image + shstr->sh_offset;
	rel->shstrsz = shstr->sh_size;
	err = check_strtab(elf, rel, elf->ehdr->e_shstrndx, log);
	if (err)
		return err;

	rel->secs = zalloc_array(rel->shnum, sizeof(*rel->secs));
	if (!rel->secs)
		return -ENOMEM;
	for (i = 1; i < rel->shnum; i++) {
		err = check_section(elf, rel, i, log) ?: classify(rel, i, log);
		if (err)
			return err;
		if (sec_loaded(rel, i) && rel->shdrs[i].sh_size > lim->max_mem)
			return elfk_reject(log, -E2BIG,
					   "section %u '%s': 0x%llx bytes, above the max_object_size cap of 0x%llx",
					   i, sec_name(rel, i),
					   (unsigned long long)rel->shdrs[i].sh_size,
					   (unsigned long long)lim->max_mem);
		if (rel->shdrs[i].sh_type == SHT_SYMTAB) {
			nsymtab++;
			rel->symtab_idx = i;
		}
	}
	if (nsymtab != 1)
		return elfk_reject(log, -ENOEXEC,
				   "%u SHT_SYMTAB sections: an ET_REL object has exactly one",
				   nsymtab);
	return 0;
}

/* ---- symbols --------------------------------------------------------------- */

static int parse_symtab(struct elfk_elf *elf, struct elfk_rel *rel,
			const struct elfk_limits *lim, struct elfk_log *log)
{
	const Elf64_Shdr *sh = &rel->shdrs[rel->symtab_idx];
	const Elf64_Shdr *str;
	u64 n;
	int err;

	if (sh->sh_entsize != sizeof(Elf64_Sym) || sh->sh_size % sizeof(Elf64_Sym) ||
	    !sh->sh_size || sh->sh_offset % 8)
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': SHT_SYMTAB with sh_entsize %llu, sh_size 0x%llx, sh_offset 0x%llx (expected %zu-byte entries, 8-byte aligned)",
				   rel->symtab_idx, sec_name(rel, rel->symtab_idx),
				   (unsigned long long)sh->sh_entsize,
				   (unsigned long long)sh->sh_size,
				   (unsigned long long)sh->sh_offset,
				   sizeof(Elf64_Sym));
	n = sh->sh_size / sizeof(Elf64_Sym);
	if (n > lim->max_symbols)
		return elfk_reject(log, -E2BIG,
				   "%llu symbols, above the max_symbols cap of %u",
				   (unsigned long long)n, lim->max_symbols);
	if (sh->sh_info > n)
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': sh_info %u (first global symbol) is past the %llu symbols",
				   rel->symtab_idx, sec_name(rel, rel->symtab_idx),
				   sh->sh_info, (unsigned long long)n);
	err = check_strtab(elf, rel, sh->sh_link, log);
	if (err)
		return err;
	str = &rel->shdrs[sh->sh_link];
	rel->nsyms = n;
	rel->strsz = str->sh_size;
	rel->syms = zalloc_array(n, sizeof(Elf64_Sym));
	rel->strtab = zalloc_array(rel->strsz, 1);
	rel->got_of = zalloc_array(n, sizeof(u32));
	rel->plt_of = zalloc_array(n, sizeof(u32));
	rel->tlsgd_of = zalloc_array(n, sizeof(u32));
	rel->value = zalloc_array(n, sizeof(u64));
	rel->resolved = zalloc_array(n, 1);
	if (!rel->syms || !rel->strtab || !rel->got_of || !rel->plt_of ||
	    !rel->tlsgd_of || !rel->value || !rel->resolved)
		return -ENOMEM;
	memcpy(rel->syms, elf->image + sh->sh_offset, n * sizeof(Elf64_Sym));
	memcpy(rel->strtab, elf->image + str->sh_offset, rel->strsz);
	return 0;
}

/*
 * What a definition in a loaded section promises, checked here because
 * others act on it later without looking again: an IFUNC's resolver is
 * called by the IFUNC pass and by dependents' loads (resolve_cb()), an
 * exported function by CALL and by dependents, and a TLS symbol's offset
 * is handed to __tls_get_addr() for a block of the TLS size.  Sections
 * lie whole in their runs, so staying inside the section is enough.
 */
static int check_symbol_kind(const struct elfk_rel *rel, u32 i,
			     const Elf64_Sym *s, const Elf64_Shdr *sh,
			     struct elfk_log *log)
{
	u8 type = ELF64_ST_TYPE(s->st_info);
	u8 bind = ELF64_ST_BIND(s->st_info);
	const char *name = rel->strtab + s->st_name;

	if (type == STT_GNU_IFUNC && s->st_value >= sh->sh_size)
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': STT_GNU_IFUNC resolver at 0x%llx is not inside section %u '%s' (0x%llx bytes)",
				   i, name, (unsigned long long)s->st_value,
				   s->st_shndx, sec_name(rel, s->st_shndx),
				   (unsigned long long)sh->sh_size);
	if (type == STT_FUNC && bind != STB_LOCAL &&
	    rel->secs[s->st_shndx].run != RUN_TEXT)
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': global STT_FUNC in section %u '%s', which is not executable",
				   i, name, s->st_shndx, sec_name(rel, s->st_shndx));
	/* Dependents and CALL may branch to it: it must start in the code. */
	if (type == STT_FUNC && bind != STB_LOCAL && s->st_value >= sh->sh_size)
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': global STT_FUNC at 0x%llx is not inside section %u '%s' (0x%llx bytes)",
				   i, name, (unsigned long long)s->st_value,
				   s->st_shndx, sec_name(rel, s->st_shndx),
				   (unsigned long long)sh->sh_size);
	if (type == STT_TLS && s->st_size > sh->sh_size - s->st_value)
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': STT_TLS [0x%llx, +0x%llx) runs past the end of section %u '%s' (0x%llx bytes)",
				   i, name, (unsigned long long)s->st_value,
				   (unsigned long long)s->st_size, s->st_shndx,
				   sec_name(rel, s->st_shndx),
				   (unsigned long long)sh->sh_size);
	return 0;
}

static int check_symbol(struct elfk_rel *rel, u32 i, struct elfk_log *log)
{
	Elf64_Sym *s = &rel->syms[i];
	const Elf64_Shdr *sh;
	u8 type = ELF64_ST_TYPE(s->st_info);

	if (s->st_name >= rel->strsz)
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u: st_name 0x%x is outside the string table (%llu bytes)",
				   i, s->st_name, (unsigned long long)rel->strsz);
	if (type == STT_TLS && s->st_shndx != SHN_UNDEF &&
	    (s->st_shndx >= rel->shnum || !rel->secs[s->st_shndx].tls))
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': STT_TLS, but st_shndx 0x%x is not a thread-local (SHF_TLS) section",
				   i, rel->strtab + s->st_name, s->st_shndx);
	if (type == STT_GNU_IFUNC &&
	    (s->st_shndx == SHN_UNDEF || s->st_shndx >= rel->shnum ||
	     rel->secs[s->st_shndx].run != RUN_TEXT))
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': STT_GNU_IFUNC, but st_shndx 0x%x is not an executable section (its resolver must be)",
				   i, rel->strtab + s->st_name, s->st_shndx);
	switch (s->st_shndx) {
	case SHN_UNDEF:
	case SHN_ABS:
		return 0;
	case SHN_COMMON:
		/* COMMON goes to the data run: no code there. */
		if (type == STT_FUNC)
			return elfk_reject(log, -ENOEXEC,
					   "symbol %u '%s': STT_FUNC in SHN_COMMON, which is not executable",
					   i, rel->strtab + s->st_name);
		if (!is_power_of_2(s->st_value) || s->st_value > ELFK_REL_MAX_ALIGN)
			return elfk_reject(log, -ENOEXEC,
					   "symbol %u '%s': SHN_COMMON alignment 0x%llx is not a power of two up to 0x%llx",
					   i, rel->strtab + s->st_name,
					   (unsigned long long)s->st_value,
					   ELFK_REL_MAX_ALIGN);
		return 0;
	case SHN_XINDEX:
		return elfk_reject(log, -EOPNOTSUPP,
				   "symbol %u '%s': st_shndx SHN_XINDEX (extended section indices) is not supported",
				   i, rel->strtab + s->st_name);
	}
	if (s->st_shndx >= rel->shnum)
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': st_shndx 0x%x is not a section index (e_shnum %u)",
				   i, rel->strtab + s->st_name, s->st_shndx,
				   rel->shnum);
	sh = &rel->shdrs[s->st_shndx];
	if (rel->secs[s->st_shndx].tls && type != STT_TLS && type != STT_SECTION)
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': st_type %u in thread-local section %u '%s' (expected STT_TLS)",
				   i, rel->strtab + s->st_name, type, s->st_shndx,
				   sec_name(rel, s->st_shndx));
	if (!sec_loaded(rel, s->st_shndx)) {
		/* Debug sections and the like: not loaded, never bound. */
		s->st_info = (STB_LOCAL << 4) | type;
		return 0;
	}
	if (s->st_value > sh->sh_size)
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': st_value 0x%llx is past the end of section %u '%s' (0x%llx bytes)",
				   i, rel->strtab + s->st_name,
				   (unsigned long long)s->st_value, s->st_shndx,
				   sec_name(rel, s->st_shndx),
				   (unsigned long long)sh->sh_size);
	return check_symbol_kind(rel, i, s, sh, log);
}

/* ---- relocations, first pass: validate and count GOT and PLT needs ------- */

static bool rela_applies(const struct elfk_rel *rel, u32 i)
{
	const Elf64_Shdr *sh = &rel->shdrs[i];

	return sh->sh_type == SHT_RELA && rel->secs[sh->sh_info].run;
}

static int check_rela_section(const struct elfk_rel *rel, u32 i,
			      struct elfk_log *log)
{
	const Elf64_Shdr *sh = &rel->shdrs[i];

	if (sh->sh_type == SHT_REL) {
		if (rel->secs[sh->sh_info].run)
			return elfk_reject(log, -EOPNOTSUPP,
					   "section %u '%s': SHT_REL; x86_64 objects use SHT_RELA",
					   i, sec_name(rel, i));
		return 0;
	}
	if (sh->sh_type != SHT_RELA)
		return 0;
	if (sh->sh_entsize != sizeof(Elf64_Rela) || sh->sh_size % sizeof(Elf64_Rela) ||
	    sh->sh_offset % 8)
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': SHT_RELA with sh_entsize %llu, sh_size 0x%llx, sh_offset 0x%llx (expected %zu-byte entries, 8-byte aligned)",
				   i, sec_name(rel, i),
				   (unsigned long long)sh->sh_entsize,
				   (unsigned long long)sh->sh_size,
				   (unsigned long long)sh->sh_offset,
				   sizeof(Elf64_Rela));
	if (sh->sh_link != rel->symtab_idx)
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': sh_link %u is not the symbol table (section %u)",
				   i, sec_name(rel, i), sh->sh_link, rel->symtab_idx);
	if (!sh->sh_info)
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': sh_info 0 names no section to relocate",
				   i, sec_name(rel, i));
	return 0;
}

static const char *type_name(const struct elfk_arch_ops *arch, u32 type)
{
	return arch->reloc_name(type) ?: "unknown";
}

static int refuse_type(const struct elfk_arch_ops *arch, const char *table,
		       u64 i, u32 type, struct elfk_log *log)
{
	const char *name = arch->reloc_name(type);
	const char *why = arch->reloc_refusal(type);

	if (!name)
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: unknown relocation type %u",
				   table, (unsigned long long)i, type);
	return elfk_reject(log, -EOPNOTSUPP,
			   "%s[%llu]: relocation type %s (%u) is not supported in ET_REL objects%s%s",
			   table, (unsigned long long)i, name, type,
			   why ? ": " : "", why ?: "");
}

static bool defined_here(const Elf64_Sym *s)
{
	return s->st_shndx != SHN_UNDEF && s->st_shndx != SHN_ABS;
}

/* An IFUNC the object defines: its address is its PLT stub's. */
static bool is_ifunc(const Elf64_Sym *s)
{
	return ELF64_ST_TYPE(s->st_info) == STT_GNU_IFUNC && defined_here(s);
}

/* A thread-local symbol: by type, or by the section it is defined in. */
static bool is_tls_sym(const struct elfk_rel *rel, const Elf64_Sym *s)
{
	if (ELF64_ST_TYPE(s->st_info) == STT_TLS)
		return true;
	return s->st_shndx < rel->shnum && defined_here(s) &&
	       rel->secs[s->st_shndx].tls;
}

/*
 * An indirect branch through the GOT in code ("call *foo@GOTPCREL(%rip)",
 * which -fno-plt makes and which the __tls_get_addr() sequences use) that
 * the arch rewrites into a direct branch.  Decided on the caller's image,
 * which neither pass modifies, so both passes agree.
 */
static bool branch_via_got(const struct elfk_rel *rel,
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

/* A symbol's name for messages: a section symbol is named by its section. */
static const char *sym_label(const struct elfk_rel *rel, const Elf64_Sym *s)
{
	if (ELF64_ST_TYPE(s->st_info) == STT_SECTION && s->st_shndx < rel->shnum)
		return sec_name(rel, s->st_shndx);
	return rel->strtab + s->st_name;
}

/* Checks and GOT pairs of a relocation that addresses thread-local data. */
static int count_tls(struct elfk_rel *rel, const struct elfk_arch_ops *arch,
		     const char *table, u64 i, u32 type, u32 needs, u32 symidx,
		     struct elfk_log *log)
{
	const Elf64_Sym *s = &rel->syms[symidx];
	const char *name = sym_label(rel, s);

	if (!(needs & ELFK_REL_TLS)) {
		if (needs & (ELFK_REL_USES_S | ELFK_REL_GOT | ELFK_REL_PLT |
			     ELFK_REL_PLT_FUNC) && is_tls_sym(rel, s))
			return elfk_reject(log, -ENOEXEC,
					   "%s[%llu]: %s against thread-local symbol '%s': only TLS relocations may address it",
					   table, (unsigned long long)i,
					   type_name(arch, type), name);
		return 0;
	}
	if (!is_tls_sym(rel, s))
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: %s against '%s', which is not a thread-local symbol",
				   table, (unsigned long long)i,
				   type_name(arch, type), name);
	/* Offsets and the module's own pair only mean anything here. */
	if ((needs & (ELFK_REL_TLS_OFF | ELFK_REL_TLS_LD)) && !defined_here(s))
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: %s against '%s', which is not defined in this object (a local-dynamic access must be)",
				   table, (unsigned long long)i,
				   type_name(arch, type), name);
	if ((needs & ELFK_REL_TLS_GD) && !rel->tlsgd_of[symidx]) {
		rel->tlsgd_of[symidx] = rel->nr_got + 1;
		rel->nr_got += 2;
	}
	if ((needs & ELFK_REL_TLS_LD) && !rel->tlsld_slot) {
		rel->tlsld_slot = rel->nr_got + 1;
		rel->nr_got += 2;
	}
	return 0;
}

static int count_one(struct elfk_elf *elf, struct elfk_rel *rel,
		     const struct elfk_arch_ops *arch, u32 sec, u64 i,
		     const Elf64_Rela *r, struct elfk_log *log)
{
	const char *table = sec_name(rel, sec);
	const Elf64_Shdr *target = &rel->shdrs[rel->shdrs[sec].sh_info];
	const struct elfk_rel_sec *ts = &rel->secs[rel->shdrs[sec].sh_info];
	u32 type = ELF64_R_TYPE(r->r_info), symidx = ELF64_R_SYM(r->r_info);
	u32 width, needs;
	const Elf64_Sym *s;
	u64 end;
	int err;

	if (type == 0)
		return 0;
	width = arch->rel_ops->width(type);
	if (!width)
		return refuse_type(arch, table, i, type, log);
	if (check_add_overflow(r->r_offset, (u64)width, &end) ||
	    end > target->sh_size || target->sh_type == SHT_NOBITS)
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: r_offset 0x%llx (+%u bytes) is outside section '%s' (0x%llx bytes%s)",
				   table, (unsigned long long)i,
				   (unsigned long long)r->r_offset, width,
				   sec_name(rel, rel->shdrs[sec].sh_info),
				   (unsigned long long)target->sh_size,
				   target->sh_type == SHT_NOBITS ? ", SHT_NOBITS" : "");
	if (ts->reversed && (width != 8 || r->r_offset % 8))
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: %s at 0x%llx in '%s' is not an aligned 8-byte entry",
				   table, (unsigned long long)i,
				   type_name(arch, type),
				   (unsigned long long)r->r_offset,
				   sec_name(rel, rel->shdrs[sec].sh_info));
	if (symidx >= rel->nsyms)
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: symbol index %u is past the %u symbols",
				   table, (unsigned long long)i, symidx, rel->nsyms);
	needs = arch->rel_ops->needs(type);
	if (branch_via_got(rel, arch, rel->shdrs[sec].sh_info, type, r->r_offset))
		needs |= ELFK_REL_PLT;
	if (needs & ELFK_REL_GOT_BASE)
		rel->has_got = true;
	if (!symidx) {
		if (needs & (ELFK_REL_GOT | ELFK_REL_PLT | ELFK_REL_TLS))
			return elfk_reject(log, -ENOEXEC,
					   "%s[%llu]: %s needs a symbol",
					   table, (unsigned long long)i,
					   type_name(arch, type));
		return 0;
	}
	s = &rel->syms[symidx];
	if (s->st_shndx < rel->shnum && defined_here(s) &&
	    !sec_loaded(rel, s->st_shndx))
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: symbol %u '%s' is in section '%s', which is not loaded",
				   table, (unsigned long long)i, symidx,
				   rel->strtab + s->st_name,
				   sec_name(rel, s->st_shndx));
	err = count_tls(rel, arch, table, i, type, needs, symidx, log);
	if (err)
		return err;
	if (s->st_shndx == SHN_UNDEF && !strcmp(rel->strtab + s->st_name, GOT_NAME))
		rel->has_got = true;
	if (is_ifunc(s) && (needs & (ELFK_REL_USES_S | ELFK_REL_GOT |
				     ELFK_REL_PLT | ELFK_REL_PLT_FUNC))) {
		if (!rel->plt_of[symidx]) {
			rel->plt_of[symidx] = ++rel->nr_plt;
			rel->got_of[symidx] = rel->nr_got + 1;
			rel->nr_got += 2;
			rel->nr_ifunc++;
		}
	} else if ((needs & ELFK_REL_PLT) ||
		   ((needs & ELFK_REL_PLT_FUNC) &&
		    ELF64_ST_TYPE(s->st_info) == STT_FUNC)) {
		/* Only what is not in the region can be out of reach. */
		if (!defined_here(s) && !rel->plt_of[symidx]) {
			rel->plt_of[symidx] = ++rel->nr_plt;
			needs |= ELFK_REL_GOT;
		}
	}
	if ((needs & ELFK_REL_GOT) && !rel->got_of[symidx])
		rel->got_of[symidx] = ++rel->nr_got;
	elf->nr_relocs++;
	return 0;
}

static int count_relocs(struct elfk_elf *elf, struct elfk_rel *rel,
			const struct elfk_limits *lim, struct elfk_log *log)
{
	const struct elfk_arch_ops *arch = &elfk_arch_ops;
	const Elf64_Rela *rela;
	u64 i, n, total = 0;
	u32 sec;
	int err;

	for (sec = 1; sec < rel->shnum; sec++) {
		err = check_rela_section(rel, sec, log);
		if (err)
			return err;
		if (!rela_applies(rel, sec))
			continue;
		n = rel->shdrs[sec].sh_size / sizeof(Elf64_Rela);
		total += n;
		if (total > lim->max_relocs)
			return elfk_reject(log, -E2BIG,
					   "more than %u relocations, the max_relocs cap",
					   lim->max_relocs);
		rela = (const Elf64_Rela *)(elf->image + rel->shdrs[sec].sh_offset);
		for (i = 0; i < n; i++) {
			err = count_one(elf, rel, arch, sec, i, &rela[i], log);
			if (err)
				return err;
			if (i % ELFK_REL_RESCHED_EVERY == ELFK_REL_RESCHED_EVERY - 1)
				elfk_env_resched();
		}
	}
	if (rel->nr_got)
		rel->has_got = true;
	return 0;
}

/* ---- layout ---------------------------------------------------------------- */

struct layout {
	u64 pos;
	u64 align;	/* largest alignment seen, at least PAGE_SIZE */
};

static u64 place_at(struct layout *l, u64 size, u64 align)
{
	u64 at;

	if (align < 1)
		align = 1;
	at = align_up(l->pos, align);
	l->pos = at + size;
	if (align > l->align)
		l->align = align;
	return at;
}

/* Sections of @group in ld's order: by priority, then section order. */
static void place_group(struct elfk_rel *rel, struct layout *l, u8 group,
			u64 *start, u64 *size)
{
	u32 i, best, last_prio = 0, last_idx = 0;
	bool first = true;

	*start = align_up(l->pos, 8);
	for (;;) {
		best = 0;
		for (i = 1; i < rel->shnum; i++) {
			const struct elfk_rel_sec *s = &rel->secs[i];

			if (s->group != group)
				continue;
			if (!first && (s->prio < last_prio ||
				       (s->prio == last_prio && i <= last_idx)))
				continue;
			if (!best || s->prio < rel->secs[best].prio)
				best = i;
		}
		if (!best)
			break;
		rel->secs[best].addr = place_at(l, rel->shdrs[best].sh_size, 8);
		last_prio = rel->secs[best].prio;
		last_idx = best;
		first = false;
	}
	*size = l->pos > *start ? l->pos - *start : 0;
}

static void add_seg(struct elfk_elf *elf, u64 start, u64 end, u32 prot, u32 run)
{
	struct elfk_segment *seg;

	if (end <= start)
		return;
	seg = &elf->segs[elf->nr_segs++];
	seg->vaddr = start;
	seg->memsz = end - start;
	seg->prot = prot;
	seg->phdr_index = run;
}

static void place_run(struct elfk_rel *rel, struct layout *l, u8 run, bool bss)
{
	u32 i;

	for (i = 1; i < rel->shnum; i++) {
		const Elf64_Shdr *sh = &rel->shdrs[i];
		bool nobits = sh->sh_type == SHT_NOBITS;

		if (rel->secs[i].run != run || rel->secs[i].group ||
		    rel->secs[i].tls || nobits != bss)
			continue;
		rel->secs[i].addr = place_at(l, sh->sh_size, sh->sh_addralign);
	}
}

/*
 * The TLS block, as ld builds PT_TLS: .tdata sections, then .tbss ones,
 * each at its alignment, offsets relative to a block aligned to the
 * largest.  The .tdata part is placed in the region as the template.
 */
static int place_tls(struct elfk_elf *elf, struct elfk_rel *rel,
		     struct layout *l, struct elfk_log *log)
{
	u64 align = 0, start, off;
	u32 i;

	for (i = 1; i < rel->shnum; i++)
		if (rel->secs[i].tls && rel->shdrs[i].sh_addralign >= align)
			align = rel->shdrs[i].sh_addralign ?: 1;
	if (!align)
		return 0;
	start = align_up(l->pos, align);
	l->pos = start;
	for (i = 1; i < rel->shnum; i++) {
		if (!rel->secs[i].tls || !rel->secs[i].run)
			continue;
		rel->secs[i].addr = place_at(l, rel->shdrs[i].sh_size,
					     rel->shdrs[i].sh_addralign);
		rel->secs[i].tls_off = rel->secs[i].addr - start;
	}
	elf->tls.filesz = l->pos - start;
	/* Each size is below the image's, so the sum cannot wrap first. */
	for (i = 1, off = elf->tls.filesz; i < rel->shnum && off <= ELFK_MAX_TLS_SIZE; i++) {
		if (!rel->secs[i].tls || rel->secs[i].run)
			continue;
		off = align_up(off, rel->shdrs[i].sh_addralign ?: 1);
		rel->secs[i].tls_off = off;
		off += rel->shdrs[i].sh_size;
	}
	if (off > ELFK_MAX_TLS_SIZE)
		return elfk_reject(log, -E2BIG,
				   "thread-local sections need at least 0x%llx bytes per task, above the TLS block cap of 0x%x",
				   (unsigned long long)off, ELFK_MAX_TLS_SIZE);
	elf->has_tls = true;
	elf->tls.vaddr = start;
	elf->tls.memsz = off;
	elf->tls.align = align;
	return 0;
}

static u64 run_start(struct layout *l)
{
	l->pos = align_up(l->pos, PAGE_SIZE);
	return l->pos;
}

static int layout(struct elfk_elf *elf, struct elfk_rel *rel,
		  const struct elfk_limits *lim, struct elfk_log *log)
{
	const struct elfk_rel_ops *ops = elfk_arch_ops.rel_ops;
	struct layout l = { .pos = 0, .align = PAGE_SIZE };
	u64 start;
	u32 i;
	int err;

	/*
	 * Offsets only grow, each section at most U32_MAX bytes past the
	 * last (the image is smaller), so nothing overflows before the cap.
	 */
	start = run_start(&l);
	place_run(rel, &l, RUN_TEXT, false);
	if (rel->nr_plt)
		rel->plt_off = place_at(&l, (u64)rel->nr_plt * ops->plt_size, 16);
	add_seg(elf, start, l.pos, ELFK_PROT_R | ELFK_PROT_X, RUN_TEXT);

	start = run_start(&l);
	place_group(rel, &l, GROUP_INIT, &elf->dyn.init_array,
		    &elf->dyn.init_arraysz);
	place_group(rel, &l, GROUP_FINI, &elf->dyn.fini_array,
		    &elf->dyn.fini_arraysz);
	place_run(rel, &l, RUN_RODATA, false);
	place_run(rel, &l, RUN_RODATA, true);
	err = place_tls(elf, rel, &l, log);
	if (err)
		return err;
	if (rel->has_got && !rel->nr_ifunc)
		rel->got_off = place_at(&l, (u64)rel->nr_got * 8, 8);
	add_seg(elf, start, l.pos, ELFK_PROT_R, RUN_RODATA);

	if (rel->nr_ifunc) {
		start = run_start(&l);
		rel->got_off = place_at(&l, (u64)rel->nr_got * 8, 8);
		add_seg(elf, start, l.pos, ELFK_PROT_R | ELFK_PROT_W, RUN_DATA);
		elf->relro_start = start;
		elf->relro_end = align_up(l.pos, PAGE_SIZE);
	}

	start = run_start(&l);
	place_run(rel, &l, RUN_DATA, false);
	place_run(rel, &l, RUN_DATA, true);
	for (i = 1; i < rel->nsyms; i++) {
		Elf64_Sym *s = &rel->syms[i];

		if (s->st_shndx != SHN_COMMON)
			continue;
		if (s->st_size > lim->max_mem || l.pos > lim->max_mem)
			return elfk_reject(log, -E2BIG,
					   "SHN_COMMON symbol %u '%s' (0x%llx bytes) does not fit the max_object_size cap of 0x%llx",
					   i, rel->strtab + s->st_name,
					   (unsigned long long)s->st_size,
					   (unsigned long long)lim->max_mem);
		s->st_value = place_at(&l, s->st_size, s->st_value);
	}
	add_seg(elf, start, l.pos, ELFK_PROT_R | ELFK_PROT_W, RUN_DATA);

	if (elf->dyn.init_arraysz)
		elf->dyn.present |= 1ULL << ELFK_DYN_INIT_ARRAY |
				    1ULL << ELFK_DYN_INIT_ARRAYSZ;
	if (elf->dyn.fini_arraysz)
		elf->dyn.present |= 1ULL << ELFK_DYN_FINI_ARRAY |
				    1ULL << ELFK_DYN_FINI_ARRAYSZ;
	elf->align = l.align;
	elf->vbase = 0;
	elf->vsize = align_up(l.pos, PAGE_SIZE);
	if (elf->vsize > min_t(u64, lim->max_mem, ELFK_REL_MAX_SPAN) ||
	    !elf->nr_segs)
		return elfk_reject(log, elf->nr_segs ? -E2BIG : -ENOEXEC,
				   "sections span 0x%llx bytes (%u runs), not within the max_object_size cap of 0x%llx",
				   (unsigned long long)elf->vsize, elf->nr_segs,
				   (unsigned long long)lim->max_mem);
	return 0;
}

/*
 * st_value becomes an offset in the region (COMMON ones were placed), or
 * for a thread-local symbol its offset in the TLS block.
 */
static void rebase_symbols(struct elfk_rel *rel)
{
	u32 i;

	for (i = 1; i < rel->nsyms; i++) {
		Elf64_Sym *s = &rel->syms[i];

		if (!defined_here(s) || s->st_shndx == SHN_COMMON)
			continue;
		if (rel->secs[s->st_shndx].tls)
			s->st_value += rel->secs[s->st_shndx].tls_off;
		else if (rel->secs[s->st_shndx].run)
			s->st_value += rel->secs[s->st_shndx].addr;
	}
}

/* ---- the lookup index -------------------------------------------------------- */

static bool exported(const struct elfk_rel *rel, const Elf64_Sym *s)
{
	u8 bind = ELF64_ST_BIND(s->st_info);
	u8 vis = ELF64_ST_VISIBILITY(s->st_other);

	if (s->st_shndx == SHN_UNDEF || ELF64_ST_TYPE(s->st_info) == STT_SECTION)
		return false;
	if (bind != STB_GLOBAL && bind != STB_WEAK && bind != STB_GNU_UNIQUE)
		return false;
	return vis == STV_DEFAULT || vis == STV_PROTECTED;
}

static int build_index(struct elfk_rel *rel, struct elfk_log *log)
{
	u32 i, n = 0, h, at, steps;

	for (i = 1; i < rel->nsyms; i++)
		n += exported(rel, &rel->syms[i]);
	rel->nbuckets = 1;
	while (rel->nbuckets < n)
		rel->nbuckets <<= 1;
	rel->buckets = zalloc_array(rel->nbuckets, sizeof(u32));
	rel->chain = zalloc_array(rel->nsyms, sizeof(u32));
	if (!rel->buckets || !rel->chain)
		return -ENOMEM;
	for (i = 1; i < rel->nsyms; i++) {
		const char *name = rel->strtab + rel->syms[i].st_name;

		if (!exported(rel, &rel->syms[i]))
			continue;
		h = elfk_gnu_hash(name) & (rel->nbuckets - 1);
		for (at = rel->buckets[h], steps = 0; at && steps < rel->nsyms;
		     at = rel->chain[at - 1], steps++) {
			if (!strcmp(rel->strtab + rel->syms[at - 1].st_name, name))
				return elfk_reject(log, -ENOEXEC,
						   "symbol %u: '%s' is defined twice (also symbol %u)",
						   i, name, at - 1);
		}
		rel->chain[i] = rel->buckets[h];
		rel->buckets[h] = i + 1;
		if (i % 4096 == 0)
			elfk_env_resched();
	}
	return 0;
}

const Elf64_Sym *elfk_rel_lookup(const struct elfk_elf *elf, const char *name)
{
	const struct elfk_rel *rel = elf->rel;
	u32 at, steps;

	at = rel->buckets[elfk_gnu_hash(name) & (rel->nbuckets - 1)];
	for (steps = 0; at && steps < rel->nsyms; steps++) {
		const Elf64_Sym *s = &rel->syms[at - 1];

		if (!strcmp(rel->strtab + s->st_name, name))
			return s;
		at = rel->chain[at - 1];
	}
	return NULL;
}

/**
 * elfk_rel_parse() - validate and lay out an ET_REL object
 * @elf: filled in; elfk_elf_release() frees what it allocates
 * @image: the image, valid until elfk_reloc_apply() returns
 * @size: its size
 * @lim: the caps
 * @log: the log
 *
 * Return: 0, -ENOEXEC, -EOPNOTSUPP, -E2BIG or -ENOMEM.  On failure nothing
 * stays allocated.
 */
int elfk_rel_parse(struct elfk_elf *elf, const void *image, u64 size,
		   const struct elfk_limits *lim, struct elfk_log *log)
{
	struct elfk_rel *rel;
	u32 i;
	int err;

	err = elfk_elf_parse_headers(elf, image, size, lim, log);
	if (err)
		return err;
	if (!elfk_arch_ops.rel_ops)
		return elfk_reject(log, -EOPNOTSUPP,
				   "ET_REL objects are not supported on %s",
				   elfk_arch_ops.name);
	rel = elfk_env_zalloc(sizeof(*rel));
	if (!rel)
		return -ENOMEM;
	elf->rel = rel;
	rel->image = elf->image;

	err = check_shdr_table(elf, rel, lim, log) ?:
	      parse_sections(elf, rel, lim, log) ?:
	      parse_symtab(elf, rel, lim, log);
	for (i = 1; !err && i < rel->nsyms; i++) {
		err = check_symbol(rel, i, log);
		if (i % 4096 == 0)
			elfk_env_resched();
	}
	err = err ?: count_relocs(elf, rel, lim, log) ?:
	      layout(elf, rel, lim, log);
	if (!err) {
		rebase_symbols(rel);
		err = build_index(rel, log);
	}
	if (err) {
		elfk_elf_release(elf);
		return err;
	}
	elf->symtab = rel->syms;
	elf->strtab = rel->strtab;
	elf->nr_syms = rel->nsyms;
	elfk_log_verbose(log, "ET_REL: %u sections, %u symbols, %u relocations",
			 rel->shnum, rel->nsyms, elf->nr_relocs);
	elfk_log_verbose(log, "ET_REL: %u GOT slots, %u PLT stubs, %u runs spanning 0x%llx",
			 rel->nr_got, rel->nr_plt, elf->nr_segs,
			 (unsigned long long)elf->vsize);
	return 0;
}

/**
 * elfk_rel_section_addr() - where a section of an ET_REL object was laid out
 * @elf: the object, parsed by elfk_rel_parse()
 * @i: a section index
 * @addr: its region offset, when it has one
 *
 * For checkers (the fuzz targets' oracles, diagnostics): the layout is
 * otherwise private to elf_rel.c.
 *
 * Return: true when section @i occupies the region (is in one of the
 * runs); false for sections that are not loaded, for .tbss, and for @i
 * past e_shnum.
 */
bool elfk_rel_section_addr(const struct elfk_elf *elf, u32 i, u64 *addr)
{
	const struct elfk_rel *rel = elf->rel;

	if (!rel || !i || i >= rel->shnum || !rel->secs[i].run)
		return false;
	*addr = rel->secs[i].addr;
	return true;
}

/* ---- placing ------------------------------------------------------------------- */

void elfk_rel_place(struct elfk_elf *elf, void *base)
{
	const struct elfk_rel_ops *ops = elfk_arch_ops.rel_ops;
	struct elfk_rel *rel = elf->rel;
	u64 k, stub, slot;
	u32 i;

	elf->base = base;
	for (i = 1; i < rel->shnum; i++) {
		const Elf64_Shdr *sh = &rel->shdrs[i];
		const u8 *src;
		u8 *dst;

		/* A NOBITS sh_offset is unchecked: form no pointer from it. */
		if (!rel->secs[i].run || sh->sh_type == SHT_NOBITS)
			continue;
		src = rel->image + sh->sh_offset;
		dst = elf->base + rel->secs[i].addr;
		if (!rel->secs[i].reversed) {
			memcpy(dst, src, sh->sh_size);
			continue;
		}
		for (k = 0; k < sh->sh_size; k += 8)
			memcpy(dst + sh->sh_size - 8 - k, src + k, 8);
	}
	/* The stubs only read their slots: they are complete now. */
	for (i = 1; i < rel->nsyms; i++) {
		if (!rel->plt_of[i])
			continue;
		stub = rel->plt_off + (u64)(rel->plt_of[i] - 1) * ops->plt_size;
		slot = rel->got_off + (u64)(rel->got_of[i] - 1) * 8;
		if (is_ifunc(&rel->syms[i]))
			slot += 8;
		ops->write_plt(elf->base + stub, (u64)(unsigned long)elf->base + stub,
			       (u64)(unsigned long)elf->base + slot);
	}
	elf->image = NULL;
}

/* ---- relocating ----------------------------------------------------------------- */

static u64 runtime(const struct elfk_elf *elf, u64 off)
{
	return (u64)(unsigned long)elf->base + off;
}

static void write_got(struct elfk_elf *elf, u32 slot, u64 v)
{
	memcpy(elf->base + elf->rel->got_off + (u64)(slot - 1) * 8, &v,
	       sizeof(v));
}

/*
 * Resolve symbol @symidx once; fill its GOT slot and its TLSGD pair if it
 * has them.
 */
static int resolve(struct elfk_elf *elf, const struct elfk_resolver *res,
		   const char *table, u64 i, u32 symidx, struct elfk_log *log)
{
	struct elfk_rel *rel = elf->rel;
	const Elf64_Sym *s = &rel->syms[symidx];
	const char *name = rel->strtab + s->st_name;
	u8 bind = ELF64_ST_BIND(s->st_info);
	struct elfk_sym_result found = { 0 };
	bool tls = is_tls_sym(rel, s);
	u64 v = 0, modid = 0;
	int err = 0;

	if (rel->resolved[symidx])
		return 0;
	if (tls && defined_here(s)) {
		v = s->st_value;
		modid = elf->tls_modid;
	} else if (tls) {
		/* A block has no address to stand in for a missing weak one. */
		if (!res->lookup_version)
			return elfk_reject(log, -ENOENT,
					   "undefined thread-local symbol '%s'",
					   name);
		err = res->lookup_version(res->ctx, name, NULL, NULL, STT_TLS,
					  &found);
		v = found.value;
		modid = found.tls_modid;
		if (err == -ENOENT)
			return elfk_reject(log, -ENOENT,
					   "undefined thread-local symbol '%s' (ET_REL objects have no dependencies to define it)",
					   name);
		if (err)
			return elfk_reject(log, err,
					   "thread-local symbol '%s' could not be resolved (%d)",
					   name, err);
	} else if (s->st_shndx == SHN_ABS) {
		v = s->st_value;
	} else if (is_ifunc(s) && rel->plt_of[symidx]) {
		/* The stub's own slot waits for the resolver. */
		v = runtime(elf, rel->plt_off) +
		    (u64)(rel->plt_of[symidx] - 1) *
		    elfk_arch_ops.rel_ops->plt_size;
	} else if (s->st_shndx != SHN_UNDEF) {
		v = runtime(elf, s->st_value);
	} else if (!strcmp(name, GOT_NAME)) {
		v = runtime(elf, rel->got_off);
	} else if (bind == STB_LOCAL) {
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: local symbol '%s' is undefined",
				   table, (unsigned long long)i, name);
	} else {
		if (res->lookup_version) {
			err = res->lookup_version(res->ctx, name, NULL, NULL,
						  ELF64_ST_TYPE(s->st_info),
						  &found);
			v = found.value;
		} else {
			err = res->lookup(res->ctx, name, &v);
		}
		if (err == -ENOENT && bind == STB_WEAK) {
			v = 0;
			err = 0;
		}
		if (err == -ENOENT)
			return elfk_reject(log, -ENOENT, "undefined symbol '%s'",
					   name);
		if (err)
			return elfk_reject(log, err,
					   "symbol '%s' could not be resolved (%d)",
					   name, err);
	}
	rel->value[symidx] = v;
	rel->resolved[symidx] = 1;
	if (rel->got_of[symidx])
		write_got(elf, rel->got_of[symidx], v);
	if (rel->tlsgd_of[symidx]) {
		write_got(elf, rel->tlsgd_of[symidx], modid);
		write_got(elf, rel->tlsgd_of[symidx] + 1, v);
	}
	return 0;
}

/* The region offset of @off in section @sec, which may be word-reversed. */
static u64 field_offset(const struct elfk_rel *rel, u32 sec, u64 off)
{
	const struct elfk_rel_sec *s = &rel->secs[sec];

	if (s->reversed)
		return s->addr + rel->shdrs[sec].sh_size - 8 - off;
	return s->addr + off;
}

static bool all_zero(const u8 *p, u32 n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

static int apply_one(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		     const struct elfk_resolver *res, u32 sec, u64 i,
		     const Elf64_Rela *r, struct elfk_log *log)
{
	struct elfk_rel *rel = elf->rel;
	u32 type = ELF64_R_TYPE(r->r_info), symidx = ELF64_R_SYM(r->r_info);
	u32 target = rel->shdrs[sec].sh_info, width, needs;
	struct elfk_rel_fixup f = { 0 };
	u64 off;
	int err;

	if (type == 0)
		return 0;
	width = arch->rel_ops->width(type);
	needs = arch->rel_ops->needs(type);
	f.branch = symidx && branch_via_got(rel, arch, target, type, r->r_offset);
	off = field_offset(rel, target, r->r_offset);
	f.r.type = type;
	f.r.table = sec_name(rel, sec);
	f.r.index = i;
	f.r.where = elf->base + off;
	f.r.P = runtime(elf, off);
	f.r.A = r->r_addend;
	f.r.sym_name = "";
	f.got = rel->has_got ? runtime(elf, rel->got_off) : 0;
	if (symidx) {
		f.r.sym_name = rel->strtab + rel->syms[symidx].st_name;
		f.sym_is_func = ELF64_ST_TYPE(rel->syms[symidx].st_info) == STT_FUNC;
		if (needs & (ELFK_REL_USES_S | ELFK_REL_GOT | ELFK_REL_PLT |
			     ELFK_REL_PLT_FUNC | ELFK_REL_TLS_GD)) {
			err = resolve(elf, res, f.r.table, i, symidx, log);
			if (err)
				return err;
			f.r.S = rel->value[symidx];
		}
		if (rel->got_of[symidx])
			f.got_slot = f.got + (u64)(rel->got_of[symidx] - 1) * 8;
		if (rel->plt_of[symidx])
			f.plt = runtime(elf, rel->plt_off) +
				(u64)(rel->plt_of[symidx] - 1) *
				arch->rel_ops->plt_size;
		if (needs & ELFK_REL_TLS_GD)
			f.tls_got = f.got + (u64)(rel->tlsgd_of[symidx] - 1) * 8;
		if (needs & ELFK_REL_TLS_LD)
			f.tls_got = f.got + (u64)(rel->tlsld_slot - 1) * 8;
	}
	/* RELA fields hold 0 until relocated: anything else is relocated twice. */
	if (!all_zero(f.r.where, width))
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: %s at 0x%llx in '%s': the field is not zero (relocated twice, or overlapping relocations)",
				   f.r.table, (unsigned long long)i,
				   type_name(arch, type),
				   (unsigned long long)r->r_offset,
				   sec_name(rel, target));
	return arch->rel_ops->apply(&f, log);
}

/**
 * elfk_rel_relocate() - apply every SHT_RELA section of a placed ET_REL
 * @elf: the object, placed by elfk_elf_place()
 * @arch: the architecture
 * @res: where undefined symbols are looked up
 * @log: the log
 *
 * Relocations of sections that are not loaded (debug information) are
 * skipped.  Each symbol is resolved once, its GOT slot filled then.
 *
 * Return: 0 or a negative errno (-ENOENT, -ERANGE, -ENOEXEC, ...).
 */
int elfk_rel_relocate(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		      const struct elfk_resolver *res, struct elfk_log *log)
{
	struct elfk_rel *rel = elf->rel;
	const Elf64_Rela *rela;
	u64 i, n;
	u32 sec;
	int err;

	elf->nr_ifunc_relocs = rel->nr_ifunc;
	/* The local-dynamic pair: this object's block, offset 0. */
	if (rel->tlsld_slot) {
		write_got(elf, rel->tlsld_slot, elf->tls_modid);
		write_got(elf, rel->tlsld_slot + 1, 0);
	}
	for (sec = 1; sec < rel->shnum; sec++) {
		if (!rela_applies(rel, sec))
			continue;
		n = rel->shdrs[sec].sh_size / sizeof(Elf64_Rela);
		rela = (const Elf64_Rela *)(rel->image + rel->shdrs[sec].sh_offset);
		for (i = 0; i < n; i++) {
			err = apply_one(elf, arch, res, sec, i, &rela[i], log);
			if (err)
				return err;
			if (i % ELFK_REL_RESCHED_EVERY == ELFK_REL_RESCHED_EVERY - 1)
				elfk_env_resched();
		}
	}
	elfk_log_verbose(log, "relocate: %u ET_REL relocations applied, %u IFUNCs deferred",
			 elf->nr_relocs, rel->nr_ifunc);
	return 0;
}

typedef u64 (*elfk_rel_resolver_fn)(void);

/**
 * elfk_rel_apply_ifuncs() - the IFUNC pass of an ET_REL object
 * @elf: the object, relocated by elfk_rel_relocate()
 * @arch: the architecture
 * @check_targets: refuse resolvers that are not valid indirect branch
 *                 targets (the kernel enforces IBT)
 * @log: the log
 *
 * The text must be executable and the GOT still writable: each IFUNC
 * symbol's resolver is called once, in the loading task, and its result
 * written to the GOT slot the symbol's PLT stub jumps through.
 *
 * Return: 0, -ENOEXEC (a resolver outside the text run) or -EOPNOTSUPP (a
 * resolver without an ENDBR64 under IBT).
 */
int elfk_rel_apply_ifuncs(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
			  bool check_targets, struct elfk_log *log)
{
	struct elfk_rel *rel = elf->rel;
	u64 fn, left;
	u32 i;

	for (i = 1; i < rel->nsyms; i++) {
		const Elf64_Sym *s = &rel->syms[i];

		if (!is_ifunc(s) || !rel->plt_of[i])
			continue;
		/* check_symbol() made sure of it: this is what is called. */
		left = elfk_elf_text_left(elf, s->st_value);
		if (!left)
			return elfk_reject(log, -ENOEXEC,
					   "IFUNC '%s': resolver at 0x%llx is outside the text run",
					   rel->strtab + s->st_name,
					   (unsigned long long)s->st_value);
		if (check_targets &&
		    !arch->branch_target(elf->base + s->st_value, left))
			return elfk_reject(log, -EOPNOTSUPP,
					   "IFUNC '%s': resolver at 0x%llx does not start with %s",
					   rel->strtab + s->st_name,
					   (unsigned long long)s->st_value,
					   arch->branch_target_name);
		fn = ((elfk_rel_resolver_fn)(unsigned long)runtime(elf, s->st_value))();
		write_got(elf, rel->got_of[i] + 1, fn);
	}
	return 0;
}
