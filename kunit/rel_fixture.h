/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny, hand-built ET_REL object (what "gcc -c" would make of five small
 * functions) and a table of ways to break its section headers, symbols and
 * relocations.  Shared by the KUnit suite elfk_rel, the host unit tests and
 * the malformed-image corpus, like elf_fixture.h.
 */
#ifndef _ELFK_REL_FIXTURE_H
#define _ELFK_REL_FIXTURE_H

#include "../lib/core.h"
#include "../arch/x86_64/reloc.h"
#include "elf_fixture.h"

#define ELFK_RELFIX_SIZE 0x900

/* gABI names the kernel's <linux/elf.h> lacks. */
#ifndef SHT_INIT_ARRAY
#define SHT_INIT_ARRAY 14
#endif
#ifndef SHF_TLS
#define SHF_TLS 0x400
#endif

/* Section indices. */
enum {
	ELFK_RELFIX_SEC_TEXT = 1,
	ELFK_RELFIX_SEC_RODATA,
	ELFK_RELFIX_SEC_DATA,
	ELFK_RELFIX_SEC_BSS,
	ELFK_RELFIX_SEC_INIT_ARRAY,
	ELFK_RELFIX_SEC_SYMTAB,
	ELFK_RELFIX_SEC_STRTAB,
	ELFK_RELFIX_SEC_SHSTRTAB,
	ELFK_RELFIX_SEC_RELA_TEXT,
	ELFK_RELFIX_SEC_RELA_DATA,
	ELFK_RELFIX_SEC_RELA_INIT,
	ELFK_RELFIX_NSECS
};

/* Symbol indices. */
enum {
	ELFK_RELFIX_SYM_TEXT = 1,	/* section symbols */
	ELFK_RELFIX_SYM_RODATA,
	ELFK_RELFIX_SYM_DATA,
	ELFK_RELFIX_SYM_BSS,
	ELFK_RELFIX_SYM_CTOR,		/* local */
	ELFK_RELFIX_SYM_RET42,		/* first global */
	ELFK_RELFIX_SYM_GET_SLOT,
	ELFK_RELFIX_SYM_GET_FLAG,
	ELFK_RELFIX_SYM_CALL_EXT,
	ELFK_RELFIX_SYM_STRLEN,		/* undefined */
	ELFK_RELFIX_SYM_HIDDEN,
	ELFK_RELFIX_NSYMS
};

/*
 * What the functions return once loaded, relocated and initialised:
 *   ret42()    42
 *   get_slot() the address of ret42 (R_X86_64_64 in .data, PC32 to it)
 *   get_flag() 1, set by the .init_array constructor in .bss (PC32)
 *   call_ext() strlen("hello") = 5 (PC32 to .rodata, PLT32 to strlen,
 *              which is out of reach of a rel32 in the kernel: a PLT stub)
 */
#define ELFK_RELFIX_RET42 42
#define ELFK_RELFIX_FLAG 1
#define ELFK_RELFIX_STRLEN 5

/**
 * struct elfk_rel_fixture - the fixture image and pointers to its parts
 * @buf: the image
 * @size: its length
 * @eh: ELF header
 * @sh: section headers
 * @sym: .symtab
 * @text: .text
 * @rela_text: .rela.text (PC32 x4, PLT32)
 * @rela_data: .rela.data (R_X86_64_64 against ret42)
 * @rela_init: .rela.init_array (R_X86_64_64 against .text + ctor)
 *
 * The thread-local variant has only .rela.text (@rela_data and @rela_init
 * are NULL) and uses the ELFK_RELTLS_* indices; the IFUNC variant has no
 * @rela_init and uses the ELFK_RELIFN_* indices.
 */
struct elfk_rel_fixture {
	u8 buf[ELFK_RELFIX_SIZE] __aligned(8);
	u64 size;
	Elf64_Ehdr *eh;
	Elf64_Shdr *sh;
	Elf64_Sym *sym;
	u8 *text;
	Elf64_Rela *rela_text;
	Elf64_Rela *rela_data;
	Elf64_Rela *rela_init;
};

void elfk_rel_fixture_build(struct elfk_rel_fixture *f);

/*
 * The thread-local variant (elfk_rel_fixture_build_tls()): in the shape
 * "gcc -c -fPIC -ftls-model=global-dynamic" gives
 *
 *	__thread long tls_gd_var = 1000;	.tdata + 8, between two
 *						unnamed words HEAD and TAIL
 *	static __thread long tls_ld_var;	.tbss + 8, in a 32-byte
 *						.tbss aligned to 16
 *	long tls_gd_inc(void) { return ++tls_gd_var; }
 *	long tls_ld_add(long n) { return tls_ld_var += n; }
 *
 * with the sections in gcc's order (.tbss before .tdata), so that a loader
 * laying the TLS block out in section order gets every offset wrong.
 */
enum {
	ELFK_RELTLS_SEC_TEXT = 1,
	ELFK_RELTLS_SEC_TBSS,
	ELFK_RELTLS_SEC_TDATA,
	ELFK_RELTLS_SEC_SYMTAB,
	ELFK_RELTLS_SEC_STRTAB,
	ELFK_RELTLS_SEC_SHSTRTAB,
	ELFK_RELTLS_SEC_RELA_TEXT,
	ELFK_RELTLS_NSECS
};

enum {
	ELFK_RELTLS_SYM_TEXT = 1,	/* section symbols */
	ELFK_RELTLS_SYM_TBSS,
	ELFK_RELTLS_SYM_TDATA,
	ELFK_RELTLS_SYM_LD_VAR,		/* local STT_TLS in .tbss */
	ELFK_RELTLS_SYM_GD_VAR,		/* first global: STT_TLS in .tdata */
	ELFK_RELTLS_SYM_GD_INC,
	ELFK_RELTLS_SYM_LD_ADD,
	ELFK_RELTLS_SYM_GET_ADDR,	/* __tls_get_addr, undefined */
	ELFK_RELTLS_NSYMS
};

/* .rela.text entries, in r_offset order. */
enum {
	ELFK_RELTLS_R_TLSGD,		/* tls_gd_var@tlsgd(%rip) */
	ELFK_RELTLS_R_GD_CALL,		/* PLT32 __tls_get_addr */
	ELFK_RELTLS_R_TLSLD,		/* tls_ld_var@tlsld(%rip) */
	ELFK_RELTLS_R_LD_CALL,		/* PLT32 __tls_get_addr */
	ELFK_RELTLS_R_DTPOFF,		/* DTPOFF32 tls_ld_var */
	ELFK_RELTLS_NR_RELA
};

/* Where the relocated fields are, from the start of each function. */
#define ELFK_RELTLS_GD_LEA 0x0c		/* R_X86_64_TLSGD */
#define ELFK_RELTLS_GD_CALL 0x14	/* R_X86_64_PLT32 */
#define ELFK_RELTLS_LD_LEA 0x0b		/* R_X86_64_TLSLD */
#define ELFK_RELTLS_LD_CALL 0x10	/* R_X86_64_PLT32 */
#define ELFK_RELTLS_LD_DTPOFF 0x17	/* R_X86_64_DTPOFF32 */

#define ELFK_RELTLS_HEAD 0x6461746474736574ULL	/* .tdata + 0 */
#define ELFK_RELTLS_GD_INIT 1000		/* tls_gd_var, .tdata + 8 */
#define ELFK_RELTLS_TAIL 0x6c696174ULL		/* .tdata + 16 */
#define ELFK_RELTLS_TBSS_SIZE 32
#define ELFK_RELTLS_TBSS_ALIGN 16

/*
 * The TLS block, worked out by hand as ld lays out PT_TLS: .tdata (24
 * bytes, 8-aligned) at 0, .tbss (32 bytes, 16-aligned) at 24 rounded up
 * to 32, so 64 bytes aligned to 16.  tls_gd_var is at 0 + 8,
 * tls_ld_var at 32 + 8.  GNU ld agrees: "ld -shared" of the image gives
 * PT_TLS filesz 0x18, memsz 0x40, align 0x10, and tls_ld_var@dtpoff 0x28.
 */
#define ELFK_RELTLS_FILESZ 24
#define ELFK_RELTLS_MEMSZ 64
#define ELFK_RELTLS_ALIGN 16
#define ELFK_RELTLS_GD_OFF 8
#define ELFK_RELTLS_LD_OFF 40

/* The module id the positive tests hand the core (the kernel picks its own). */
#define ELFK_RELTLS_MODID 7

/* Build the thread-local variant in @f (replacing whatever it held). */
void elfk_rel_fixture_build_tls(struct elfk_rel_fixture *f);

/**
 * struct elfk_rel_tls_view - what the relocated TLS fixture's code will use,
 *                            decoded from its instructions as the CPU would
 * @gd_pair: the tls_index (module id, offset) tls_gd_inc's lea addresses,
 *           or NULL if it points outside the object
 * @ld_pair: the same for tls_ld_add's local-dynamic lea
 * @gd_call: where tls_gd_inc's call to __tls_get_addr goes
 * @ld_call: where tls_ld_add's goes
 * @dtpoff: the displacement of tls_ld_add's "lea tls_ld_var@dtpoff(%rax)"
 * @tmpl: the TLS template (.tdata) in placed memory, or NULL
 * @gd_pair_prot: ELFK_PROT_* of the run holding @gd_pair (0: none)
 * @ld_pair_prot: the same for @ld_pair
 * @gd_call_prot: the same for @gd_call (0 for a target outside the object)
 * @tmpl_prot: the same for the whole template
 */
struct elfk_rel_tls_view {
	const u64 *gd_pair;
	const u64 *ld_pair;
	u64 gd_call;
	u64 ld_call;
	s32 dtpoff;
	const u8 *tmpl;
	u32 gd_pair_prot;
	u32 ld_pair_prot;
	u32 gd_call_prot;
	u32 tmpl_prot;
};

/*
 * Fill @v from the placed, relocated TLS variant @elf; -ENOENT if its
 * functions are missing.  Pointers outside the object stay NULL.
 */
int elfk_rel_fixture_tls_view(const struct elfk_elf *elf,
			      struct elfk_rel_tls_view *v);

/*
 * The IFUNC variant (elfk_rel_fixture_build_ifunc()): in the shape
 * "gcc -c -fPIC" gives
 *
 *	long nr_resolved;			.data + 8 (not .bss)
 *	static long impl(void) { return 4242; }
 *	static void *resolve(void) { nr_resolved++; return impl; }
 *	long pick(void) __attribute__((ifunc("resolve")));
 *	long (*pick_ptr)(void) = pick;		.data + 0, R_X86_64_64
 *	long call_pick(void) { return pick(); }	PLT32 pick
 *	void *addr_pick(void) { return pick; }	REX_GOTPCRELX pick
 *
 * Every use of pick must get the same address, its PLT stub: the call,
 * the GOT slot addr_pick loads and pick_ptr; the stub jumps through the
 * next GOT slot, which only the IFUNC pass fills.
 */
enum {
	ELFK_RELIFN_SEC_TEXT = 1,
	ELFK_RELIFN_SEC_DATA,
	ELFK_RELIFN_SEC_SYMTAB,
	ELFK_RELIFN_SEC_STRTAB,
	ELFK_RELIFN_SEC_SHSTRTAB,
	ELFK_RELIFN_SEC_RELA_TEXT,
	ELFK_RELIFN_SEC_RELA_DATA,
	ELFK_RELIFN_NSECS
};

enum {
	ELFK_RELIFN_SYM_TEXT = 1,	/* section symbols */
	ELFK_RELIFN_SYM_DATA,
	ELFK_RELIFN_SYM_IMPL,		/* local STT_FUNC */
	ELFK_RELIFN_SYM_RESOLVE,	/* local STT_FUNC, pick's resolver */
	ELFK_RELIFN_SYM_PICK,		/* first global: STT_GNU_IFUNC */
	ELFK_RELIFN_SYM_CALL_PICK,
	ELFK_RELIFN_SYM_ADDR_PICK,
	ELFK_RELIFN_SYM_PICK_PTR,	/* STT_OBJECT, .data + 0 */
	ELFK_RELIFN_SYM_NR_RESOLVED,	/* STT_OBJECT, .data + 8 */
	ELFK_RELIFN_NSYMS
};

/* .rela.text entries, in r_offset order; .rela.data has one, &pick. */
enum {
	ELFK_RELIFN_R_COUNT,		/* PC32 .data + 8: resolve's incq */
	ELFK_RELIFN_R_IMPL,		/* PC32 .text + impl: resolve's lea */
	ELFK_RELIFN_R_CALL,		/* PLT32 pick: call_pick's call */
	ELFK_RELIFN_R_GOT,		/* REX_GOTPCRELX pick: addr_pick's mov */
	ELFK_RELIFN_NR_RELA
};

/*
 * Function offsets in .text, which is the first section of the first run:
 * they are region offsets too.
 */
#define ELFK_RELIFN_IMPL 0x00
#define ELFK_RELIFN_RESOLVE 0x10
#define ELFK_RELIFN_CALL_PICK 0x30
#define ELFK_RELIFN_ADDR_PICK 0x50
#define ELFK_RELIFN_TEXT_SIZE 0x60

/* What impl(), and so call_pick(), returns. */
#define ELFK_RELIFN_VALUE 4242

/* How the IFUNC pass refuses resolve() without its ENDBR64 (at 0x10). */
#define ELFK_RELIFN_NO_ENDBR "IFUNC 'pick': resolver at 0x10 does not start with ENDBR64"

/* Build the IFUNC variant in @f (replacing whatever it held). */
void elfk_rel_fixture_build_ifunc(struct elfk_rel_fixture *f);

/**
 * struct elfk_rel_ifunc_view - what the relocated IFUNC fixture's code
 *                              will use, decoded from its instructions as
 *                              the CPU would
 * @call: where call_pick's call goes
 * @got: the GOT slot addr_pick's mov loads, or NULL if it is not inside the
 *       object
 * @stub_slot: the slot the PLT stub at @call jumps through, or NULL if
 *             @call is not an elfk PLT stub inside the object
 * @count: the word resolve's incq counts calls in, or NULL (outside)
 * @impl: where resolve's lea points
 * @pick_ptr: the word pick_ptr (.data + 0), by symbol
 * @resolver: pick's st_value (its resolver), as a run-time address
 * @call_prot: ELFK_PROT_* of the run holding @call (0: none)
 * @got_prot: the same for @got
 * @stub_slot_prot: the same for @stub_slot
 * @count_prot: the same for @count
 *
 * The protections are the runs' (elf->segs): the GOT's run is writable
 * there, and read-only only in the final permissions, as RELRO
 * (elf->relro_start to relro_end), once the IFUNC pass is done.
 */
struct elfk_rel_ifunc_view {
	u64 call;
	const u64 *got;
	const u64 *stub_slot;
	u64 *count;
	u64 impl;
	const u64 *pick_ptr;
	u64 resolver;
	u32 call_prot;
	u32 got_prot;
	u32 stub_slot_prot;
	u32 count_prot;
};

/*
 * Fill @v from the placed, relocated IFUNC variant @elf; -ENOENT if its
 * symbols are missing.  Pointers outside the object stay NULL.
 */
int elfk_rel_fixture_ifunc_view(const struct elfk_elf *elf,
				struct elfk_rel_ifunc_view *v);

/**
 * struct elfk_rel_fixture_case - one way to break the ET_REL fixture
 * @name: short name, also the corpus file name (all start with "etrel-")
 * @mutate: applied to a freshly built fixture
 * @err: the errno elfk must return (0: the load must succeed)
 * @msg: a substring the log must contain
 */
struct elfk_rel_fixture_case {
	const char *name;
	void (*mutate)(struct elfk_rel_fixture *f);
	int err;
	const char *msg;
};

extern const struct elfk_rel_fixture_case elfk_rel_fixture_cases[];
extern const unsigned int elfk_rel_fixture_nr_cases;

/*
 * Run the core on @image: parse, @alloc (NULL: stop after parsing),
 * place, relocate and check the entries.  The caller frees *@mem and calls
 * elfk_elf_release(@elf), whatever this returns.
 */
int elfk_rel_fixture_run_core(struct elfk_elf *elf, const void *image,
			      u64 size, void *(*alloc)(u64 size, u64 align),
			      u8 **mem, const struct elfk_resolver *res,
			      struct elfk_log *log);

/*
 * The same, giving a placed object with TLS the module id @tls_modid before
 * relocating it, as the kernel's elfk_tls_register() does.
 */
int elfk_rel_fixture_run_core_tls(struct elfk_elf *elf, const void *image,
				  u64 size, void *(*alloc)(u64 size, u64 align),
				  u8 **mem, u64 tls_modid,
				  const struct elfk_resolver *res,
				  struct elfk_log *log);

#endif /* _ELFK_REL_FIXTURE_H */
