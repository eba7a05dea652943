// SPDX-License-Identifier: GPL-2.0
/*
 * Verified mode's runtime (Documentation/verified-mode.rst, rules W, K and
 * T): the window, the trampoline page, CALL stacks and buffers, fuel,
 * helpers and the abort path.  The verifier (arch/x86_64/verify.c) decides
 * what code may run; this file decides where it runs and how it leaves.
 *
 * A verified LOAD runs the same load driver as any other (lib/load.c), with
 * its own alloc, protect and observe callbacks:
 *
 *   PARSED     the window note and the segment rules (T1, T2)
 *   alloc      the window: vmap() of a 2^(k+1) + 2G range, the 2^k-aligned
 *              window inside it, every page mapped (W3, K1, K2, T3)
 *   RELOCATED  no imports, no IFUNC, trap bundles around the code (K4)
 *   protect    each page by region: RX code, R rodata, RW data (W2)
 *   PROTECTED  the verifier, over the bytes read back through the final
 *              mapping (K9)
 */
#include <linux/bitops.h>
#include <linux/highmem.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/pgtable.h>

#include "internal.h"
#include "sandbox.h"
#include "sandbox_tls.h"
#include "../arch/x86_64/mem.h"
#include "../arch/x86_64/verify.h"

/* T3: the guard size, and the window orders this runtime maps. */
#define SB_GUARD		BIT_ULL(20)
#define SB_MIN_BITS		22
#define SB_MAX_BITS		26
#define SB_MIN_CODE_BITS	13

/* T6: CALL slots at the top of the writable half, each a stack and buffers. */
#define SB_NR_SLOTS		4
#define SB_STACK_SIZE		(64UL << 10)
#define SB_SLOT_SIZE		(256UL << 10)
#define SB_SLOTS_SIZE		(SB_NR_SLOTS * SB_SLOT_SIZE)

/* T7: fuel handed out per refill; the rest of the CALL's budget waits. */
#define SB_FUEL_SLICE		BIT_ULL(16)

/* T8: helper limits. */
#define SB_COPY_MAX		(64U << 10)
#define SB_LOG_MAX		128U

static unsigned long elfk_verified_fuel = 1UL << 26;
module_param_named(verified_fuel, elfk_verified_fuel, ulong, 0644);
MODULE_PARM_DESC(verified_fuel,
		 "Fuel units a CALL into a verified object may spend before it ends with ETIME");

#if IS_ENABLED(CONFIG_KUNIT)
/*
 * T9's refusal in the test guests, which have no CET (QEMU's TCG): with
 * this set, verified LOADs are refused as on a kernel enforcing IBT.  It
 * only ever refuses more, and it exists only in kernels with KUnit.
 */
static bool elfk_verified_test_ibt;
module_param_named(verified_test_ibt, elfk_verified_test_ibt, bool, 0644);
MODULE_PARM_DESC(verified_test_ibt,
		 "Test only: refuse verified LOADs as a kernel enforcing IBT does (rule T9)");
#define sb_test_ibt()	READ_ONCE(elfk_verified_test_ibt)
#else
#define sb_test_ibt()	false
#endif

DEFINE_PER_CPU(unsigned long, elfk_sb_krsp);
DEFINE_PER_CPU(unsigned long, elfk_sb_ursp);
DEFINE_PER_CPU(unsigned long, elfk_sb_target);

/* T11: which life-cycle entry, for the log. */
enum elfk_sb_life_kind {
	SB_DT_INIT,
	SB_INIT_ARRAY,
	SB_ELFK_INIT,
	SB_ELFK_EXIT,
	SB_FINI_ARRAY,
	SB_DT_FINI,
};

static const char * const life_name[] = {
	[SB_DT_INIT] = "DT_INIT",
	[SB_INIT_ARRAY] = "DT_INIT_ARRAY",
	[SB_ELFK_INIT] = "elfk_init",
	[SB_ELFK_EXIT] = "elfk_exit",
	[SB_FINI_ARRAY] = "DT_FINI_ARRAY",
	[SB_DT_FINI] = "DT_FINI",
};

/**
 * struct elfk_sb_life - one life-cycle entry, copied out of the window
 * @off: its window offset, checked at LOAD (a bundle start in the code)
 * @kind: enum elfk_sb_life_kind
 * @idx: the array index, for DT_INIT_ARRAY and DT_FINI_ARRAY
 *
 * Kept in kernel memory: the arrays lie in the window, where the object's
 * own code could change them between LOAD and UNLOAD.
 */
struct elfk_sb_life {
	u64 off;
	u32 kind;
	u32 idx;
};

/**
 * struct elfk_sandbox - a verified object's window
 * @k: window order (the note's window_bits)
 * @c: code order (code_bits)
 * @base: B, the window's kernel address
 * @area: the vmap()ed range holding the window and its guards
 * @nr_pages: pages of @area
 * @pages: the page behind each page of @area
 * @tramp: the trampoline page (window offset 0, RX)
 * @trap: a page of trap bundles (the code region's unused pages, RX)
 * @scratch: guards and the writable half's unused pages (RW)
 * @zero: read-only filler: rodata region's unused pages, outside the window
 * @code_off: window offset of the code segment
 * @code_size: its size, a multiple of 32
 * @slots: busy CALL slots, one bit each
 * @inits: life-cycle entries LOAD runs, in order (T11)
 * @nr_inits: their number
 * @finis: life-cycle entries UNLOAD runs, in order (T11)
 * @nr_finis: their number
 * @tls: the TLS area (T12), NULL without PT_TLS
 * @t_prot: when the protect step began (ktime ns), for the verbose log
 */
struct elfk_sandbox {
	u32 k;
	u32 c;
	unsigned long base;
	void *area;
	unsigned long nr_pages;
	struct page **pages;
	struct page *tramp;
	struct page *trap;
	struct page *scratch;
	struct page *zero;
	u64 code_off;
	u64 code_size;
	unsigned long slots;
	struct elfk_sb_life *inits;
	u32 nr_inits;
	struct elfk_sb_life *finis;
	u32 nr_finis;
	struct elfk_sb_tls *tls;
	u64 t_prot;
};

/**
 * struct elfk_sb_frame - one CALL's kernel-side state, on the kernel stack
 * @regs: the registers the sandbox starts with (copied by the entry code)
 * @sb: the window
 * @fuel_left: budget not yet handed to %r13
 * @slice: what the last refill handed to %r13
 * @unspent: %r13 at T_EXIT, at most @slice: fuel the CALL did not use
 * @status: how the CALL ended: 0, -ETIME, -EFAULT, -EINTR
 * @ret: %rax at T_EXIT
 * @irqs_on: the caller had interrupts enabled, so trampolines may reschedule
 * @abort_why: for the abort message
 *
 * Never in the window (K7): the sandbox on another CPU cannot reach it.
 */
struct elfk_sb_frame {
	struct elfk_sb_regs regs;
	struct elfk_sandbox *sb;
	u64 fuel_left;
	u64 slice;
	u64 unspent;
	int status;
	u64 ret;
	bool irqs_on;
	const char *abort_why;
};

static u64 half(const struct elfk_sandbox *sb)
{
	return 1ULL << (sb->k - 1);
}

/* ---- trampoline page and trap bundles (T4, K3, K4) ---------------------- */

/*
 * One 32-byte slot: "jmp *2(%rip)" and the target in the same slot, so the
 * bytes mean the same at every address (trap pages are mapped many times).
 */
static void write_slot(u8 *p, unsigned long target)
{
	static const u8 jmp[] = { 0xff, 0x25, 0x02, 0x00, 0x00, 0x00, 0xcc, 0xcc };

	memset(p, 0xcc, ELFK_SB_SLOT_SIZE);
	memcpy(p, jmp, sizeof(jmp));
	memcpy(p + 8, &target, sizeof(target));
}

static unsigned long stub(unsigned int kind)
{
	if (kind >= ELFK_SB_NR_STUBS)
		kind = ELFK_SB_T_ABORT;
	return (unsigned long)elfk_sb_stubs + kind * ELFK_SB_SLOT_SIZE;
}

static void fill_trap(u8 *p, u64 len)
{
	u64 i;

	for (i = 0; i + ELFK_SB_SLOT_SIZE <= len; i += ELFK_SB_SLOT_SIZE)
		write_slot(p + i, stub(ELFK_SB_T_ABORT));
}

static void fill_tramp(u8 *p)
{
	unsigned int i;

	for (i = 0; i < ELFK_SB_TRAMP_ENTRIES; i++) {
		unsigned int kind = i;

		/* T_IND(R) for R = rsp, r13, r14, r15 cannot come from I (C6). */
		if (i == ELFK_SB_T_IND0 + 4 || (i >= ELFK_SB_T_IND0 + 13 &&
						i <= ELFK_SB_T_IND0 + 15))
			kind = ELFK_SB_T_ABORT;
		write_slot(p + i * ELFK_SB_SLOT_SIZE, stub(kind));
	}
}

/* ---- the note and the segment rules (T1, T2) --------------------------- */

static int find_note(const struct elfk_elf *elf, u32 *k, u32 *c,
		     struct elfk_log *log)
{
	u32 i;

	for (i = 0; i < elf->phnum; i++) {
		const Elf64_Phdr *ph = &elf->phdrs[i];
		const u8 *p, *end;

		if (ph->p_type != PT_NOTE)
			continue;
		if (ph->p_offset > elf->image_size ||
		    ph->p_filesz > elf->image_size - ph->p_offset)
			return elfk_reject(log, -ENOEXEC,
					   "verified: PT_NOTE %u lies outside the image", i);
		p = elf->image + ph->p_offset;
		end = p + ph->p_filesz;
		while (end - p >= 12) {
			u32 namesz, descsz, type;
			u64 n, d;

			memcpy(&namesz, p, 4);
			memcpy(&descsz, p + 4, 4);
			memcpy(&type, p + 8, 4);
			n = ALIGN((u64)namesz, 4);
			d = ALIGN((u64)descsz, 4);
			if (n + d > (u64)(end - p) - 12)
				break;
			if (namesz == 5 && !memcmp(p + 12, "elfk", 5) &&
			    type == 1 && descsz == 8) {
				memcpy(k, p + 12 + n, 4);
				memcpy(c, p + 12 + n + 4, 4);
				return 0;
			}
			p += 12 + n + d;
		}
	}
	return elfk_reject(log, -ENOEXEC,
			   "verified: no window note (PT_NOTE \"elfk\", type 1, 8 bytes: rule T1)");
}

static int check_segments(struct elfk_sandbox *sb, const struct elfk_elf *elf,
			  struct elfk_log *log)
{
	u64 top = 1ULL << sb->k, code_end = 1ULL << sb->c, nx = 0;
	u32 i;

	for (i = 0; i < elf->phnum; i++) {
		u32 t = elf->phdrs[i].p_type;

		if (t == PT_INTERP)
			return elfk_reject(log, -EOPNOTSUPP,
					   "verified: program header %u: no PT_INTERP in verified mode (rule T2)",
					   i);
	}
	if (elf->nr_needed)
		return elfk_reject(log, -EOPNOTSUPP,
				   "verified: DT_NEEDED: verified objects link to nothing (rule T2)");
	if (elf->align > code_end)
		return elfk_reject(log, -ENOEXEC,
				   "verified: p_align 0x%llx is above the code region (rule T2)",
				   (unsigned long long)elf->align);
	for (i = 0; i < elf->nr_segs; i++) {
		const struct elfk_segment *s = &elf->segs[i];
		u64 lo, hi;
		const char *what;

		if (s->prot & ELFK_PROT_X) {
			lo = 0x1000;
			hi = code_end;
			what = "executable";
		} else if (s->prot & ELFK_PROT_W) {
			lo = half(sb);
			hi = top - SB_SLOTS_SIZE - elfk_sb_tls_area(sb->tls);
			what = "writable";
		} else {
			lo = code_end;
			hi = half(sb) - SB_GUARD;
			what = "read-only";
		}
		if (s->vaddr < lo || s->vaddr > hi || s->memsz > hi - s->vaddr)
			return elfk_reject(log, -ENOEXEC,
					   "verified: %s segment [0x%llx, +0x%llx) outside [0x%llx, 0x%llx) (rule T2)",
					   what, (unsigned long long)s->vaddr,
					   (unsigned long long)s->memsz,
					   (unsigned long long)lo,
					   (unsigned long long)hi);
		if (!(s->prot & ELFK_PROT_X))
			continue;
		if ((s->prot & ELFK_PROT_W) || nx++)
			return elfk_reject(log, -ENOEXEC,
					   "verified: one executable, non-writable segment only (rule T2)");
		if (!IS_ALIGNED(s->vaddr, 32) || !IS_ALIGNED(s->memsz, 32) ||
		    !s->memsz || s->filesz != s->memsz)
			return elfk_reject(log, -ENOEXEC,
					   "verified: the executable segment must start and end on a bundle (rule W4)");
		sb->code_off = s->vaddr;
		sb->code_size = s->memsz;
	}
	if (!nx)
		return elfk_reject(log, -ENOEXEC, "verified: no executable segment");
	return 0;
}

static int check_parsed(struct elfk_sandbox *sb, struct elfk_elf *elf,
			struct elfk_log *log)
{
	u32 k, c;
	int err;

	if (elfk_elf_type(elf) != ET_DYN)
		return elfk_reject(log, -EOPNOTSUPP,
				   "verified: ET_DYN images only (rule T2)");
	/*
	 * T9: the entry's jmp, the sandbox's masked branches and its return
	 * to T_EXIT all land where there is no ENDBR64: a #CP in kernel mode.
	 * Refuse before anything is mapped.
	 */
	if (elfk_x86_64_enforces_ibt() || sb_test_ibt())
		return elfk_reject(log, -EOPNOTSUPP,
				   "verified: this kernel enforces indirect branch tracking (CONFIG_X86_KERNEL_IBT on a CPU with IBT) and verified code has no ENDBR64; boot with ibt=off to load verified objects (rule T9)");
	err = find_note(elf, &k, &c, log);
	if (err)
		return err;
	if (k < SB_MIN_BITS || k > SB_MAX_BITS || c < SB_MIN_CODE_BITS ||
	    c >= k || (1ULL << c) + SB_GUARD > (1ULL << (k - 1)))
		return elfk_reject(log, -EOPNOTSUPP,
				   "verified: window note k=%u c=%u: this runtime needs %u <= k <= %u, c >= %u, 2^c + 1 MiB <= 2^(k-1) (rule T1)",
				   k, c, SB_MIN_BITS, SB_MAX_BITS, SB_MIN_CODE_BITS);
	sb->k = k;
	sb->c = c;
	return elfk_sb_tls_parse(&sb->tls, elf, (1ULL << k) - SB_SLOTS_SIZE, log) ?:
	       check_segments(sb, elf, log);
}

/* Nothing from outside: no imports, no IFUNC (TLS symbols: rule T12). */
static int check_symbols(const struct elfk_elf *elf, struct elfk_log *log)
{
	u32 i;

	for (i = 1; i < elf->nr_syms; i++) {
		const Elf64_Sym *s = &elf->symtab[i];
		u8 type = ELF64_ST_TYPE(s->st_info);

		if (s->st_shndx == SHN_UNDEF)
			return elfk_reject(log, -EOPNOTSUPP,
					   "verified: '%s' is imported; verified objects link to nothing (rule T2)",
					   elfk_elf_sym_name(elf, s));
		if (type == STT_GNU_IFUNC)
			return elfk_reject(log, -EOPNOTSUPP,
					   "verified: '%s': no IFUNC symbols (rule T2)",
					   elfk_elf_sym_name(elf, s));
	}
	if (elf->nr_ifunc_relocs)
		return elfk_reject(log, -EOPNOTSUPP,
				   "verified: IFUNC relocations (rule T2)");
	return 0;
}

/* ---- life-cycle entries (T11) ---------------------------------------------- */

static void life_fmt(const struct elfk_sb_life *e, char *buf, size_t size)
{
	if (e->kind == SB_INIT_ARRAY || e->kind == SB_FINI_ARRAY)
		snprintf(buf, size, "%s[%u]", life_name[e->kind], e->idx);
	else if (e->kind == SB_ELFK_INIT || e->kind == SB_ELFK_EXIT)
		snprintf(buf, size, "%s()", life_name[e->kind]);
	else
		snprintf(buf, size, "%s", life_name[e->kind]);
}

/*
 * An entry is entered as a CALL is (T5): at a bundle start of the verified
 * code, which is an instruction start (C2) and the first instruction of
 * any pseudo-instruction there (C1).
 */
static int life_add(struct elfk_sandbox *sb, struct elfk_sb_life *list,
		    u32 *nr, u64 off, u32 kind, u32 idx, struct elfk_log *log)
{
	struct elfk_sb_life e = { .off = off, .kind = kind, .idx = idx };
	char what[32];

	if (off >= sb->code_off && off - sb->code_off < sb->code_size &&
	    IS_ALIGNED(off, 32)) {
		list[(*nr)++] = e;
		return 0;
	}
	life_fmt(&e, what, sizeof(what));
	/* Only a window offset may be printed, never what else it is. */
	if (off >= (1ULL << sb->k))
		return elfk_reject(log, -ENOEXEC,
				   "verified: %s points outside the window, not to a bundle start in the code (rule T11)",
				   what);
	return elfk_reject(log, -ENOEXEC,
			   "verified: %s is window offset 0x%llx, not a bundle start in the code [0x%llx, 0x%llx) (rule T11)",
			   what, (unsigned long long)off,
			   (unsigned long long)sb->code_off,
			   (unsigned long long)(sb->code_off + sb->code_size));
}

static int life_array(struct elfk_sandbox *sb, const struct elfk_elf *elf,
		      u64 vaddr, u64 n, bool reverse, u32 kind,
		      struct elfk_sb_life *list, u32 *nr, struct elfk_log *log)
{
	const u64 *fn;
	u64 i, j, v;
	int err;

	if (!n)
		return 0;
	fn = elfk_elf_ptr(elf, vaddr);
	for (j = 0; j < n; j++) {
		i = reverse ? n - 1 - j : j;
		v = READ_ONCE(fn[i]);
		/* Skipped, as for every object (elfk/object.c: run_array()). */
		if (!v || v == (u64)-1)
			continue;
		err = life_add(sb, list, nr, v - sb->base, kind, i, log);
		if (err)
			return err;
	}
	return 0;
}

static int life_sym(struct elfk_sandbox *sb, const struct elfk_elf *elf,
		    u32 kind, struct elfk_sb_life *list, u32 *nr,
		    struct elfk_log *log)
{
	const Elf64_Sym *sym = elfk_elf_lookup(elf, life_name[kind]);

	if (!sym)
		return 0;
	if (ELF64_ST_TYPE(sym->st_info) != STT_FUNC || sym->st_shndx == SHN_ABS)
		return elfk_reject(log, -ENOEXEC,
				   "verified: %s is not a function (rule T11)",
				   life_name[kind]);
	return life_add(sb, list, nr, sym->st_value, kind, 0, log);
}

/*
 * After relocation, before any code runs: copy the entries LOAD and UNLOAD
 * will run, in their order, out of the window, each checked.
 */
static int collect_life(struct elfk_sandbox *sb, const struct elfk_elf *elf,
			struct elfk_log *log)
{
	const struct elfk_dynamic *dyn = &elf->dyn;
	gfp_t gfp = GFP_KERNEL_ACCOUNT | __GFP_NOWARN;
	u64 ni = 0, nf = 0;
	int err;

	/* An array under 8 bytes is empty (elfk_elf_check_entries()). */
	if (ELFK_HAS(dyn, INIT_ARRAY))
		ni = dyn->init_arraysz / 8;
	if (ELFK_HAS(dyn, FINI_ARRAY))
		nf = dyn->fini_arraysz / 8;
	if (ni > U32_MAX - 2 || nf > U32_MAX - 2)
		return elfk_reject(log, -E2BIG, "verified: init or fini array too large");
	sb->inits = kvcalloc(ni + 2, sizeof(*sb->inits), gfp);
	sb->finis = kvcalloc(nf + 2, sizeof(*sb->finis), gfp);
	if (!sb->inits || !sb->finis)
		return elfk_reject(log, -ENOMEM,
				   "verified: out of memory for the life-cycle entries");
	err = 0;
	if (ELFK_HAS(dyn, INIT))
		err = life_add(sb, sb->inits, &sb->nr_inits, dyn->init,
			       SB_DT_INIT, 0, log);
	err = err ?: life_array(sb, elf, dyn->init_array, ni, false,
				SB_INIT_ARRAY, sb->inits, &sb->nr_inits, log) ?:
	      life_sym(sb, elf, SB_ELFK_INIT, sb->inits, &sb->nr_inits, log) ?:
	      life_sym(sb, elf, SB_ELFK_EXIT, sb->finis, &sb->nr_finis, log) ?:
	      life_array(sb, elf, dyn->fini_array, nf, true, SB_FINI_ARRAY,
			 sb->finis, &sb->nr_finis, log);
	if (!err && ELFK_HAS(dyn, FINI))
		err = life_add(sb, sb->finis, &sb->nr_finis, dyn->fini,
			       SB_DT_FINI, 0, log);
	return err;
}

/* ---- the window (T3) ----------------------------------------------------- */

static bool is_image_page(const struct elfk_elf *elf, u64 off)
{
	u32 i;

	for (i = 0; i < elf->nr_segs; i++) {
		const struct elfk_segment *s = &elf->segs[i];

		if (off < ALIGN(s->vaddr + s->memsz, PAGE_SIZE) &&
		    off + PAGE_SIZE > ALIGN_DOWN(s->vaddr, PAGE_SIZE))
			return true;
	}
	return false;
}

/* The final permission of the page at window offset @off (W2). */
static u32 region_prot(const struct elfk_sandbox *sb, s64 off)
{
	if (off < 0 || off >= (1LL << sb->k))
		return ELFK_PROT_R | ELFK_PROT_W;
	if (off < (1LL << sb->c))
		return ELFK_PROT_R | ELFK_PROT_X;
	if (off < (s64)(half(sb) - SB_GUARD))
		return ELFK_PROT_R;
	return ELFK_PROT_R | ELFK_PROT_W;
}

static struct page *window_page(struct elfk_sandbox *sb,
				const struct elfk_elf *elf, s64 off)
{
	u64 top = 1ULL << sb->k;

	if (off < -(s64)SB_GUARD || off >= (s64)(top + SB_GUARD))
		return sb->zero;
	if (off < 0 || off >= (s64)top)
		return sb->scratch;
	if (!off)
		return sb->tramp;
	if ((u64)off >= top - SB_SLOTS_SIZE - elfk_sb_tls_area(sb->tls) ||
	    is_image_page(elf, off))
		return alloc_page(GFP_KERNEL_ACCOUNT | __GFP_ZERO | __GFP_NOWARN);
	if (off < (1LL << sb->c))
		return sb->trap;
	if (off < (s64)(half(sb) - SB_GUARD))
		return sb->zero;
	return sb->scratch;
}

static bool shared_page(const struct elfk_sandbox *sb, struct page *p)
{
	return p == sb->tramp || p == sb->trap || p == sb->scratch ||
	       p == sb->zero;
}

/*
 * Hand the window's pages, each once, to elfk_mem_retire(): no stale
 * translation may outlive them, and its flush is batched over unloads.
 * The array is reused in place (the window maps every page at least once).
 */
static bool retire_pages(struct elfk_sandbox *sb)
{
	struct page *shared[] = { sb->tramp, sb->trap, sb->scratch, sb->zero };
	unsigned long i, n = 0;

	if (sb->nr_pages < ARRAY_SIZE(shared))
		return false;
	for (i = 0; i < sb->nr_pages; i++)
		if (sb->pages[i] && !shared_page(sb, sb->pages[i]))
			sb->pages[n++] = sb->pages[i];
	for (i = 0; i < ARRAY_SIZE(shared); i++)
		sb->pages[n++] = shared[i];
	elfk_mem_retire(sb->pages, n);
	sb->pages = NULL;
	sb->tramp = NULL;
	sb->trap = NULL;
	sb->scratch = NULL;
	sb->zero = NULL;
	return true;
}

static void sandbox_destroy(struct elfk_sandbox *sb)
{
	unsigned long i;

	if (sb->area) {
		vunmap(sb->area);
		if (sb->pages && !retire_pages(sb))
			elfk_mem_flush_all();
	}
	if (sb->pages) {
		for (i = 0; i < sb->nr_pages; i++)
			if (sb->pages[i] && !shared_page(sb, sb->pages[i]))
				__free_page(sb->pages[i]);
		kvfree(sb->pages);
	}
	if (sb->tramp)
		__free_page(sb->tramp);
	if (sb->trap)
		__free_page(sb->trap);
	if (sb->scratch)
		__free_page(sb->scratch);
	if (sb->zero)
		__free_page(sb->zero);
	kvfree(sb->inits);
	kvfree(sb->finis);
	elfk_sb_tls_free(sb->tls);
	kfree(sb);
}

/*
 * Point the PTE of @addr (a page of a vmap() range) at @page with @prot, in
 * one write (the bits elfk_x86_64_pte_prot() gives, as for set_prot()).
 * vmap() maps with 4 KiB pages and records no pages for VM_MAP, so vunmap()
 * later just clears what is here.
 */
static int set_page(unsigned long addr, struct page *page, u32 prot)
{
	unsigned int level;
	pte_t *ptep = lookup_address(addr, &level);
	pte_t pte;

	if (!ptep || level != PG_LEVEL_4K || !pte_present(*ptep))
		return -EFAULT;
	pte = pfn_pte(page_to_pfn(page), PAGE_KERNEL);
	set_pte(ptep, elfk_x86_64_pte_prot(pte, prot));
	return 0;
}

static int sandbox_alloc(void *ctx, struct elfk_elf *elf, void **base,
			 struct elfk_log *log)
{
	struct elfk_object *obj = ctx;
	struct elfk_sandbox *sb = obj->sb;
	gfp_t gfp = GFP_KERNEL_ACCOUNT | __GFP_ZERO | __GFP_NOWARN;
	unsigned long i, first, last, area;
	u64 top = 1ULL << sb->k;
	u64 t0 = ktime_get_ns();
	struct page *page;
	s64 off;
	u32 prot;
	int err;

	sb->tramp = alloc_page(gfp);
	sb->trap = alloc_page(gfp);
	sb->scratch = alloc_page(gfp);
	sb->zero = alloc_page(gfp);
	if (!sb->tramp || !sb->trap || !sb->scratch || !sb->zero)
		goto nomem;
	fill_tramp(page_address(sb->tramp));
	fill_trap(page_address(sb->trap), PAGE_SIZE);

	/*
	 * vmap() aligns to a page only: map twice the window and its guards,
	 * all read-only filler, then put the window's pages into the
	 * 2^k-aligned part inside.
	 */
	sb->nr_pages = (2 * top + 2 * SB_GUARD) >> PAGE_SHIFT;
	sb->pages = kvcalloc(sb->nr_pages, sizeof(*sb->pages), gfp);
	if (!sb->pages)
		goto nomem;
	for (i = 0; i < sb->nr_pages; i++)
		sb->pages[i] = sb->zero;
	sb->area = vmap(sb->pages, sb->nr_pages, VM_MAP, PAGE_KERNEL_RO);
	if (!sb->area)
		goto nomem;
	area = (unsigned long)sb->area;
	sb->base = ALIGN(area + SB_GUARD, top);
	first = (sb->base - SB_GUARD - area) >> PAGE_SHIFT;
	last = first + ((top + 2 * SB_GUARD) >> PAGE_SHIFT);
	for (i = first; i < last; i++) {
		off = ((s64)i - (s64)first) * PAGE_SIZE - (s64)SB_GUARD;
		page = window_page(sb, elf, off);
		if (!page)
			goto nomem;
		sb->pages[i] = page;
		/* Image pages stay RW until the protect step. */
		prot = shared_page(sb, page) ? region_prot(sb, off) :
		       ELFK_PROT_R | ELFK_PROT_W;
		/* what vmap() mapped there already */
		if (page == sb->zero && prot == ELFK_PROT_R)
			continue;
		err = set_page(area + i * PAGE_SIZE, page, prot);
		if (err)
			return elfk_reject(log, err,
					   "verified: could not map the window (%d)", err);
	}
	/*
	 * No flush here: sandbox_flush() flushes once, after the protect
	 * step, before the verifier reads the code (K9) and before anything
	 * runs.  Until then only this task's loader uses the window, and a
	 * stale translation of the fresh range can only map sb->zero read-only:
	 * it reads the zeros the page behind it still holds (every page is
	 * fresh and zeroed until the loader writes it; the trampoline and trap
	 * pages are read only by the verifier and the code), and a write
	 * through it faults as spurious and is retried with the new PTE.
	 */
	*base = (void *)(sb->base + elf->vbase);
	elfk_log_verbose(log, "verified: window 2^%u bytes, code 2^%u, %lu pages mapped in %llu ns",
			 sb->k, sb->c, sb->nr_pages,
			 (unsigned long long)(ktime_get_ns() - t0));
	return 0;

nomem:
	return elfk_reject(log, -ENOMEM, "verified: out of memory for the window");
}

/* Image pages get their region's permission; the rest already has it. */
static int sandbox_protect(void *ctx, u64 offset, u64 len, u32 prot)
{
	struct elfk_object *obj = ctx;
	struct elfk_sandbox *sb = obj->sb;
	u64 off, start = obj->elf.vbase + offset;
	int err;

	if (!sb->t_prot)
		sb->t_prot = ktime_get_ns();
	for (off = start; off < start + len; off += PAGE_SIZE) {
		err = elfk_x86_64_set_prot((void *)(sb->base + off), PAGE_SIZE,
					   region_prot(sb, off));
		if (err)
			return err;
	}
	return 0;
}

/*
 * The one flush of a verified LOAD: image pages lost W, and the window's
 * PTEs were repointed from sb->zero (sandbox_alloc()).
 */
static void sandbox_flush(void *ctx)
{
	struct elfk_object *obj = ctx;
	struct elfk_sandbox *sb = obj->sb;

	elfk_mem_flush_all();
	elfk_log_verbose(obj->sb_log, "verified: image permissions set and flushed in %llu ns",
			 (unsigned long long)(ktime_get_ns() - sb->t_prot));
}

static int sandbox_observe(void *ctx, enum elfk_load_step done,
			   struct elfk_elf *elf)
{
	struct elfk_object *obj = ctx;
	struct elfk_sandbox *sb = obj->sb;
	struct elfk_verify_stats stats = {};
	u64 t0;
	struct elfk_verify_cfg cfg;
	struct elfk_log *log = obj->sb_log;
	u8 *code;
	int err;

	switch (done) {
	case ELFK_LOAD_PARSED:
		return check_parsed(sb, elf, log);
	case ELFK_LOAD_BOUND:
		return elfk_sb_tls_relocs(elf, log);
	case ELFK_LOAD_RELOCATED:
		err = check_symbols(elf, log) ?: collect_life(sb, elf, log) ?:
		      elfk_sb_tls_relocated(sb->tls, sb->base, elf, log);
		if (err)
			return err;
		/* K4: the code's pages around it hold trap bundles. */
		code = (u8 *)sb->base;
		fill_trap(code + ALIGN_DOWN(sb->code_off, PAGE_SIZE),
			  sb->code_off - ALIGN_DOWN(sb->code_off, PAGE_SIZE));
		fill_trap(code + sb->code_off + sb->code_size,
			  ALIGN(sb->code_off + sb->code_size, PAGE_SIZE) -
			  (sb->code_off + sb->code_size));
		return 0;
	case ELFK_LOAD_PROTECTED:
		cfg = (struct elfk_verify_cfg) {
			.window_bits = sb->k,
			.code_bits = sb->c,
			.guard = SB_GUARD,
			.code_off = sb->code_off,
			.tramp_entries = ELFK_SB_TRAMP_ENTRIES,
		};
		/* K9: the bytes that will run, through the read-only mapping. */
		t0 = ktime_get_ns();
		err = elfk_x86_verify((const u8 *)sb->base + sb->code_off,
				      sb->code_size, &cfg, &stats, log);
		if (err)
			return err;
		/* V1: the throughput "make bench" reports (bench_verified kverify) */
		elfk_log_verbose(log,
				 "verified: %llu instructions, stack drift %llu, %llu bytes of code in %llu ns",
				 (unsigned long long)stats.insns,
				 (unsigned long long)stats.drift,
				 (unsigned long long)sb->code_size,
				 (unsigned long long)(ktime_get_ns() - t0));
		return 0;
	default:
		return 0;
	}
}

static int refuse_lookup(void *ctx, const char *name, const char *version,
			 const char *file, u8 type, struct elfk_sym_result *res)
{
	return -ENOENT;
}

static const struct elfk_resolver sandbox_resolver = {
	.lookup_version = refuse_lookup,
};

/**
 * elfk_sandbox_prepare() - make a load a verified one
 * @obj: the object being loaded
 * @env: the load driver's environment, changed in place
 * @log: the load's log
 *
 * Return: 0 or -ENOMEM.
 */
int elfk_sandbox_prepare(struct elfk_object *obj, struct elfk_load_env *env,
			 struct elfk_log *log)
{
	obj->sb = kzalloc(sizeof(*obj->sb), GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!obj->sb)
		return elfk_reject(log, -ENOMEM, "out of memory for the object");
	obj->sb_log = log;
	env->alloc = sandbox_alloc;
	env->protect = sandbox_protect;
	env->flush = sandbox_flush;
	env->observe = sandbox_observe;
	env->resolver = &sandbox_resolver;
	env->check_branch_targets = false;
	env->check_ifunc_targets = false;
	return 0;
}

void elfk_sandbox_free(struct elfk_object *obj)
{
	if (obj->sb)
		sandbox_destroy(obj->sb);
	obj->sb = NULL;
}

/* ---- trampolines (T4, K5) ------------------------------------------------ */

static u64 confine_rsp(const struct elfk_sandbox *sb, u64 rsp)
{
	return sb->base + half(sb) + (rsp & (half(sb) - 1));
}

static u64 confine_target(const struct elfk_sandbox *sb, u64 target)
{
	return sb->base + (target & ((1ULL << sb->c) - 32));
}

/* The return address a call pushed; %rsp is untrusted, so check it first. */
static bool pop_return(struct elfk_sb_frame *f, struct elfk_sb_regs *r,
		       u64 *ret)
{
	const struct elfk_sandbox *sb = f->sb;
	u64 off = r->rsp - sb->base;

	if (off < half(sb) - SB_GUARD || off > (1ULL << sb->k) + SB_GUARD - 8) {
		f->abort_why = "stack pointer outside the window";
		return false;
	}
	*ret = READ_ONCE(*(u64 *)(unsigned long)r->rsp);
	r->rsp += 8;
	return true;
}

static bool refill(struct elfk_sb_frame *f, struct elfk_sb_regs *r)
{
	u64 n = min_t(u64, f->fuel_left, SB_FUEL_SLICE);

	if (!n)
		return false;
	f->fuel_left -= n;
	f->slice = n;
	r->r13 = n;
	return true;
}

/* Between slices: interrupts and the scheduler get their turn (K6). */
static int slice_end(struct elfk_sb_frame *f)
{
	if (!f->irqs_on)
		return 0;
	local_irq_enable();
	cond_resched();
	local_irq_disable();
	return fatal_signal_pending(current) ? -EINTR : 0;
}

/* A window range the sandbox may read, or write: offset + length checked. */
static void *window_range(const struct elfk_sandbox *sb, u64 addr, u64 len,
			  bool write)
{
	u64 off = addr - sb->base, lo = write ? half(sb) : 0;

	if (off < lo || off >= (1ULL << sb->k) || len > (1ULL << sb->k) - off)
		return NULL;
	return (void *)(unsigned long)addr;
}

/* T8: the helper table. */
static u64 helper(struct elfk_sb_frame *f, unsigned int n,
		  struct elfk_sb_regs *r)
{
	const struct elfk_sandbox *sb = f->sb;
	char buf[SB_LOG_MAX + 1];
	void *dst, *src;
	u64 len, i;

	switch (n) {
	case 0:
		return 0;
	case 1:	/* copy(dst, src, len): inside the window, dst writable */
		len = r->rdx;
		dst = window_range(sb, r->rdi, len, true);
		src = window_range(sb, r->rsi, len, false);
		if (len > SB_COPY_MAX || !dst || !src)
			return (u64)-EFAULT;
		memmove(dst, src, len);
		return 0;
	case 2:	/* log(str, len): at most SB_LOG_MAX bytes, printable only */
		len = min_t(u64, r->rsi, SB_LOG_MAX);
		src = window_range(sb, r->rdi, len, false);
		if (!src)
			return (u64)-EFAULT;
		memcpy(buf, src, len);
		for (i = 0; i < len; i++)
			if (buf[i] < 0x20 || buf[i] > 0x7e)
				buf[i] = '?';
		buf[len] = 0;
		pr_info_ratelimited("verified: %s\n", buf);
		return len;
	}
	return (u64)-EINVAL;
}

/* Where register R (0 = rax ... 15 = r15) is in struct elfk_sb_regs. */
static const u8 reg_index[16] = {
	14, 13, 12, 11, 11 /* rsp: never (fill_tramp) */, 10, 9, 8,
	7, 6, 5, 4, 3, 2, 1, 0,
};

/**
 * elfk_sb_trap() - what a trampoline does, on the kernel stack
 * @r: the sandbox's registers; r->kind is the trampoline slot
 *
 * Called by arch/x86_64/sandbox_entry.S with interrupts disabled.
 *
 * Return: 0 to resume the sandbox at r->rip with r->rsp, or 1 to end the
 * CALL (the frame says how).
 */
int elfk_sb_trap(struct elfk_sb_regs *r)
{
	struct elfk_sb_frame *f = *(struct elfk_sb_frame **)(r + 1);
	const struct elfk_sandbox *sb = f->sb;
	u64 kind = r->kind, ret, *reg;
	int err;

	if (kind == ELFK_SB_T_EXIT) {
		/* F3: %r13 only decreases; clamped all the same */
		f->unspent = min(r->r13, f->slice);
		f->ret = r->rax;
		f->status = 0;
		return 1;
	}
	if (kind == ELFK_SB_T_FUEL) {
		if (!pop_return(f, r, &ret))
			goto abort;
		if (!refill(f, r))
			goto timeout;
		/* F2: resume at the fuel bundle, which pays again */
		r->rip = confine_target(sb, ret - 32);
	} else if (kind >= ELFK_SB_T_IND0 && kind < ELFK_SB_T_IND0 + 16) {
		if (!refill(f, r))
			goto timeout;
		reg = &r->r15 + reg_index[kind - ELFK_SB_T_IND0];
		*reg = confine_target(sb, *reg);
		r->rip = *reg;
	} else if (kind >= ELFK_SB_T_HELPER0 && kind < ELFK_SB_NR_STUBS) {
		if (!pop_return(f, r, &ret))
			goto abort;
		if (!f->fuel_left)
			goto timeout;
		f->fuel_left--;
		r->rax = helper(f, kind - ELFK_SB_T_HELPER0, r);
		r->rip = confine_target(sb, ret);
	} else {
		f->abort_why = "jumped to the abort trampoline or a trap bundle";
		goto abort;
	}
	r->rsp = confine_rsp(sb, r->rsp);
	r->r14 = sb->base;
	r->r15 = sb->base + half(sb);
	err = slice_end(f);
	if (err) {
		f->status = err;
		return 1;
	}
	return 0;
timeout:
	f->status = -ETIME;
	return 1;
abort:
	f->status = -EFAULT;
	return 1;
}

/* ---- CALL (T5, T6) -------------------------------------------------------- */

static int get_slot(struct elfk_sandbox *sb)
{
	int i;

	for (i = 0; i < SB_NR_SLOTS; i++)
		if (!test_and_set_bit_lock(i, &sb->slots))
			return i;
	return -EBUSY;
}

static void put_slot(struct elfk_sandbox *sb, int slot)
{
	clear_bit_unlock(slot, &sb->slots);
}

static u64 slot_off(const struct elfk_sandbox *sb, int slot)
{
	return (1ULL << sb->k) - (u64)(slot + 1) * SB_SLOT_SIZE;
}

/*
 * The function at window offset @entry, entered as T5 says, with *@fuel
 * units; *@fuel is left holding what a CALL that returned did not spend,
 * or 0 when it ended otherwise (T11 shares one budget between entries).
 */
static int run_fuel(struct elfk_object *obj, u64 entry, int slot,
		    const u64 *args, unsigned int nr_args, u64 *ret, u64 *fuel)
{
	struct elfk_sandbox *sb = obj->sb;
	struct elfk_sb_frame f = { .sb = sb };
	u64 a[ELFK_CALL_MAX_ARGS] = { 0 };
	unsigned long flags;
	u64 top;

	if (entry < sb->code_off || entry >= sb->code_off + sb->code_size ||
	    !IS_ALIGNED(entry, 32)) {
		pr_notice_ratelimited("%s: verified function is not a bundle start in the code\n",
				      obj->name);
		return -ENOEXEC;
	}
	if (elfk_sb_tls_enter(sb->tls, sb->base, slot_off(sb, slot), obj->name))
		return -ENOSPC;
	memcpy(a, args, nr_args * sizeof(*a));
	/* T12: the stack's top 16 bytes hold the TLS word. */
	top = sb->base + slot_off(sb, slot) + SB_STACK_SIZE - 24;
	*(u64 *)(unsigned long)top = sb->base + ELFK_SB_T_EXIT * ELFK_SB_SLOT_SIZE;
	f.regs.rip = sb->base + entry;
	f.regs.rsp = top;
	f.regs.r14 = sb->base;
	f.regs.r15 = sb->base + half(sb);
	f.regs.rdi = a[0];
	f.regs.rsi = a[1];
	f.regs.rdx = a[2];
	f.regs.rcx = a[3];
	f.regs.r8 = a[4];
	f.regs.r9 = a[5];
	f.fuel_left = *fuel;
	*fuel = 0;
	if (!refill(&f, &f.regs))
		return -ETIME;

	local_irq_save(flags);
	f.irqs_on = !irqs_disabled_flags(flags);
	elfk_sb_enter(&f);
	local_irq_restore(flags);

	if (f.status == -EFAULT)
		pr_warn_ratelimited("%s: verified CALL aborted: %s\n", obj->name,
				    f.abort_why ?: "trap");
	if (!f.status) {
		*ret = f.ret;
		*fuel = f.fuel_left + f.unspent;
	}
	return f.status;
}

/* A CALL: a full verified_fuel budget of its own (T7). */
static int run(struct elfk_object *obj, u64 entry, int slot,
	       const u64 *args, unsigned int nr_args, u64 *ret)
{
	u64 fuel = READ_ONCE(elfk_verified_fuel);

	return run_fuel(obj, entry, slot, args, nr_args, ret, &fuel);
}

/**
 * elfk_sandbox_call() - call a verified object's function with integers
 * @obj: the object, referenced
 * @sym: the function, found by elfk_object_find_func()
 * @args: the arguments
 * @nr_args: their number
 * @ret: out: %rax at T_EXIT
 *
 * Return: 0, -ETIME (fuel spent), -EFAULT (abort), -EINTR (fatal signal),
 * -EBUSY (every CALL slot in use), -ENOEXEC.
 */
int elfk_sandbox_call(struct elfk_object *obj, const Elf64_Sym *sym,
		      const u64 *args, unsigned int nr_args, u64 *ret)
{
	int slot = get_slot(obj->sb), err;

	if (slot < 0)
		return slot;
	err = run(obj, sym->st_value, slot, args, nr_args, ret);
	put_slot(obj->sb, slot);
	return err;
}

/**
 * elfk_sandbox_ioctl_call() - ELFK_IOC_CALL for a verified object
 * @obj: the object, referenced
 * @name: the function
 * @cmd: the command; buffers go to the CALL slot's buffer area (T6)
 *
 * Return: 0 or a negative errno; -EACCES for a life-cycle entry point.
 */
int elfk_sandbox_ioctl_call(struct elfk_object *obj, const char *name,
			    struct elfk_call *cmd)
{
	struct elfk_sandbox *sb = obj->sb;
	u64 val[ELFK_CALL_MAX_ARGS] = { 0 }, off[ELFK_CALL_MAX_ARGS] = { 0 };
	u64 pos, end;
	const Elf64_Sym *sym;
	unsigned int i;
	int slot, err;

	if (cmd->flags) {
		pr_notice_ratelimited("%s: ELFK_CALL_KTHREAD and ELFK_CALL_WORKQUEUE are not supported for verified objects\n",
				      obj->name);
		return -EINVAL;
	}
	sym = elfk_object_find_func(obj, name);
	if (!sym)
		return -ENOENT;
	if (elfk_object_refuse_lifecycle(obj, name, sym))
		return -EACCES;
	slot = get_slot(sb);
	if (slot < 0)
		return slot;
	pos = slot_off(sb, slot) + SB_STACK_SIZE;
	end = slot_off(sb, slot) + SB_SLOT_SIZE;
	err = 0;
	for (i = 0; i < cmd->nr_args; i++) {
		const struct elfk_call_arg *a = &cmd->args[i];
		void *p;

		if (a->kind == ELFK_ARG_INT) {
			val[i] = a->value;
			continue;
		}
		if (a->len > end - pos) {
			pr_notice_ratelimited("%s: verified CALL buffers exceed %lu bytes\n",
					      obj->name, SB_SLOT_SIZE - SB_STACK_SIZE);
			err = -E2BIG;
			goto out;
		}
		off[i] = pos;
		p = (void *)(unsigned long)(sb->base + pos);
		if (a->kind == ELFK_ARG_OUT) {
			memset(p, 0, a->len);
		} else if (copy_from_user(p, u64_to_user_ptr(a->value), a->len)) {
			err = -EFAULT;
			goto out;
		}
		val[i] = sb->base + pos;
		pos = ALIGN(pos + a->len, 16);
		if (pos > end)
			pos = end;
	}
	err = run(obj, sym->st_value, slot, val, cmd->nr_args, &cmd->ret);
	for (i = 0; !err && i < cmd->nr_args; i++) {
		const struct elfk_call_arg *a = &cmd->args[i];

		if ((a->kind == ELFK_ARG_OUT || a->kind == ELFK_ARG_INOUT) &&
		    copy_to_user(u64_to_user_ptr(a->value),
				 (void *)(unsigned long)(sb->base + off[i]),
				 a->len))
			err = -EFAULT;
	}
out:
	put_slot(sb, slot);
	return err;
}

/* ---- LOAD and UNLOAD (T11) ------------------------------------------------ */

static int life_run(struct elfk_object *obj, const struct elfk_sb_life *e,
		    u64 *ret, u64 *fuel)
{
	static const u64 none[ELFK_CALL_MAX_ARGS];
	int slot = get_slot(obj->sb), err;

	if (slot < 0)
		return slot;
	err = run_fuel(obj, e->off, slot, none, 0, ret, fuel);
	put_slot(obj->sb, slot);
	return err;
}

static const char *life_why(int err)
{
	switch (err) {
	case -ETIME:
		return "ran out of fuel (ETIME)";
	case -EFAULT:
		return "aborted (EFAULT)";
	case -EINTR:
		return "was interrupted by a fatal signal (EINTR)";
	}
	return "could not run";
}

/**
 * elfk_sandbox_init() - run a verified object's constructors and elfk_init()
 * @obj: the object, loaded, not yet published
 * @log: the load's log
 *
 * DT_INIT, DT_INIT_ARRAY in order, then elfk_init(), each entered like a
 * CALL with no arguments; together they spend at most one verified_fuel
 * budget, each what the ones before it left (T11).
 *
 * Return: 0; the errno of the first entry that aborted, ran out of fuel or
 * was interrupted (-EFAULT, -ETIME, -EINTR); or what elfk_init() returned.
 */
int elfk_sandbox_init(struct elfk_object *obj, struct elfk_log *log)
{
	struct elfk_sandbox *sb = obj->sb;
	const struct elfk_sb_life *e;
	u64 ret, fuel = READ_ONCE(elfk_verified_fuel);
	char what[32];
	u32 i;
	int err;

	for (i = 0; i < sb->nr_inits; i++) {
		e = &sb->inits[i];
		err = life_run(obj, e, &ret, &fuel);
		life_fmt(e, what, sizeof(what));
		if (err)
			return elfk_reject(log, err,
					   "verified: %s at window offset 0x%llx %s (rule T11)",
					   what, (unsigned long long)e->off,
					   life_why(err));
		if (e->kind == SB_ELFK_INIT && (int)ret) {
			err = (int)ret;
			return elfk_reject(log, err < 0 && err >= -MAX_ERRNO ? err : -EINVAL,
					   "elfk_init() returned %d", err);
		}
	}
	return 0;
}

/**
 * elfk_sandbox_is_life() - whether a window offset is a life-cycle entry
 * @obj: a verified object, referenced by the caller
 * @off: a window offset (a symbol's value)
 *
 * Answers from the copies LOAD took, not from the arrays in the window,
 * which the object's own code can rewrite after LOAD.
 *
 * Return: true if LOAD or UNLOAD runs the code at @off.
 */
bool elfk_sandbox_is_life(const struct elfk_object *obj, u64 off)
{
	const struct elfk_sandbox *sb = obj->sb;
	u32 i;

	for (i = 0; i < sb->nr_inits; i++)
		if (sb->inits[i].off == off)
			return true;
	for (i = 0; i < sb->nr_finis; i++)
		if (sb->finis[i].off == off)
			return true;
	return false;
}

/**
 * elfk_sandbox_fini() - run a verified object's elfk_exit() and destructors
 * @obj: the object, unreachable: no CALL is inside it
 * @call_exit: elfk_init() succeeded, so elfk_exit() runs first
 *
 * elfk_exit(), DT_FINI_ARRAY in reverse, then DT_FINI (T11).  An entry that
 * fails is logged and the next one runs.  Together they spend at most one
 * verified_fuel budget; each may spend its share of what is left (what is
 * left divided by the entries still to run), so that one that never
 * returns cannot starve the ones after it.
 */
void elfk_sandbox_fini(struct elfk_object *obj, bool call_exit)
{
	struct elfk_sandbox *sb = obj->sb;
	const struct elfk_sb_life *e;
	u64 ret, share, left = READ_ONCE(elfk_verified_fuel);
	u32 i, todo = 0;
	char what[32];
	int err;

	for (i = 0; i < sb->nr_finis; i++)
		if (call_exit || sb->finis[i].kind != SB_ELFK_EXIT)
			todo++;
	for (i = 0; i < sb->nr_finis; i++) {
		e = &sb->finis[i];
		if (e->kind == SB_ELFK_EXIT && !call_exit)
			continue;
		share = left / todo--;
		left -= share;
		err = life_run(obj, e, &ret, &share);
		left += share;
		if (!err)
			continue;
		life_fmt(e, what, sizeof(what));
		pr_warn_ratelimited("%s: verified %s %s at unload; unload goes on\n",
				    obj->name, what, life_why(err));
	}
}
