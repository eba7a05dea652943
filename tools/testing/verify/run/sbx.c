// SPDX-License-Identifier: GPL-2.0
/*
 * The host runner (sbx.h): what the kernel runtime does for a verified
 * object, in userspace, with the same window layout (W2), the same
 * trampoline table and entry state (tramp-abi) and the same verifier.
 * Guards are mapped read-write (W3, K2: never left empty), as in the
 * kernel, where a fault in sandboxed code would be an oops.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "../../../../lib/core.h"
#include "../../../../arch/x86_64/verify.h"
#include "../tool/elfk_window.h"
#include "sbx.h"
#include "sbx_entry.h"

#define G ELFK_VERIFIED_GUARD
#define STACK_SIZE (256 << 10)

/* read by sbx_entry.S */
uint64_t sbx_host_rsp, sbx_budget, sbx_slice = 1 << 16, sbx_bmask;
int sbx_status;

static void (*const ind[16])(void) = {
	sbx_ind_rax, sbx_ind_rcx, sbx_ind_rdx, sbx_ind_rbx, NULL,
	sbx_ind_rbp, sbx_ind_rsi, sbx_ind_rdi, sbx_ind_r8, sbx_ind_r9,
	sbx_ind_r10, sbx_ind_r11, sbx_ind_r12, NULL, NULL, NULL,
};

/* One 32-byte entry: jmp *2(%rip); .quad handler; int3 padding. */
static void tramp_slot(uint8_t *slot, void (*h)(void))
{
	static const uint8_t jmp[8] = { 0xff, 0x25, 0x02, 0, 0, 0, 0xcc, 0xcc };
	uint64_t a = (uint64_t)(uintptr_t)h;

	memset(slot, 0xcc, 32);
	memcpy(slot, jmp, sizeof(jmp));
	memcpy(slot + 8, &a, 8);
}

static void tramp_page(uint8_t *page)
{
	int i;

	for (i = 0; i < 128; i++)
		tramp_slot(page + 32 * i, sbx_abort_h);
	tramp_slot(page + 0x20, sbx_fuel_h);
	for (i = 0; i < 16; i++)
		if (ind[i])
			tramp_slot(page + 0x40 + 32 * i, ind[i]);
	tramp_slot(page + 0x240, sbx_exit_h);
	tramp_slot(page + 0x260, sbx_helper0_h);
	tramp_slot(page + 0x260 + 2 * 32, sbx_helper2_h);
}

char sbx_log[4096];
uint64_t sbx_life_budget = 1ULL << 26;
/* %r13 at the last T_EXIT (sbx_entry.S) */
uint64_t sbx_exit_r13;

/* What the CALL that just ended left of @budget (T11): 0 unless it returned. */
static uint64_t fuel_left(int st)
{
	return st ? 0 : sbx_budget + (sbx_exit_r13 < sbx_slice ? sbx_exit_r13 : sbx_slice);
}

static struct sbx *sbx_cur;

static void log_add(const char *p, size_t len)
{
	size_t n = strlen(sbx_log);

	if (len > sizeof(sbx_log) - 2 - n)
		len = sizeof(sbx_log) - 2 - n;
	memcpy(sbx_log + n, p, len);
	sbx_log[n + len] = '\n';
	sbx_log[n + len + 1] = 0;
}

/* T8 helper 2, on the sandbox stack: at most 128 bytes of the window */
long sbx_log_h_c(uint64_t str, uint64_t len)
{
	uint64_t win = 1ULL << sbx_cur->k, off = str - (uintptr_t)sbx_cur->B;

	if (len > 128)
		len = 128;
	if (off >= win || len > win - off)
		return -EFAULT;
	log_add((const char *)(uintptr_t)str, len);
	return len;
}

static int no_imports(void *ctx, const char *name, u64 *value)
{
	return -ENOENT;
}

static const struct elfk_resolver resolver = { no_imports, NULL, NULL };

static int window_alloc(void *ctx, struct elfk_elf *elf, void **base,
			struct elfk_log *log)
{
	struct sbx *s = ctx;

	/* vaddrs are window offsets (tramp-abi) */
	if (elf->vbase < 4096 ||
	    elf->vbase + elf->vsize > (1ULL << s->k) - STACK_SIZE -
	    (elf->has_tls ? SBX_TLS_AREA : 0))
		return elfk_reject(log, -E2BIG, "image outside the window");
	*base = s->B + elf->vbase;
	return 0;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static const char *const life_name[] = {
	"DT_INIT", "DT_INIT_ARRAY", "elfk_init()", "elfk_exit()",
	"DT_FINI_ARRAY", "DT_FINI",
};

static void life_label(char *buf, size_t len, int kind, uint64_t idx)
{
	if (kind == SBX_LIFE_INIT_ARRAY || kind == SBX_LIFE_FINI_ARRAY)
		snprintf(buf, len, "%s[%llu]", life_name[kind],
			 (unsigned long long)idx);
	else
		snprintf(buf, len, "%s", life_name[kind]);
}

/* T11: a bundle start in the code, as a CALL target */
static int life_add(struct sbx *s, int fini, uint64_t off, int kind,
		    uint64_t idx, char *err, size_t errlen)
{
	unsigned int *nr = fini ? &s->nr_finis : &s->nr_inits;

	if (off < s->code_off || off - s->code_off >= s->code_size || off % 32) {
		if (kind == SBX_LIFE_INIT_ARRAY || kind == SBX_LIFE_FINI_ARRAY)
			snprintf(err, errlen,
				 "%s[%llu] is not a bundle start in the code (rule T11)",
				 life_name[kind], (unsigned long long)idx);
		else
			snprintf(err, errlen, "%s is not a bundle start in the code (rule T11)",
				 life_name[kind]);
		return -1;
	}
	(fini ? s->finis : s->inits)[*nr] = off;
	(fini ? s->fini_kind : s->init_kind)[*nr] = kind;
	(fini ? s->fini_idx : s->init_idx)[*nr] = idx;
	++*nr;
	return 0;
}

static int life_array(struct sbx *s, struct elfk_elf *elf, uint64_t vaddr,
		      uint64_t n, int fini, char *err, size_t errlen)
{
	const uint64_t *fn = n ? elfk_elf_ptr(elf, vaddr) : NULL;
	uint64_t i, j;

	for (j = 0; j < n; j++) {
		i = fini ? n - 1 - j : j;
		if (!fn[i] || fn[i] == ~0ULL)
			continue;
		if (life_add(s, fini, fn[i] - (uintptr_t)s->B,
			     fini ? SBX_LIFE_FINI_ARRAY : SBX_LIFE_INIT_ARRAY, i,
			     err, errlen))
			return -1;
	}
	return 0;
}

static int life_sym(struct sbx *s, struct elfk_elf *elf, const char *name,
		    int kind, char *err, size_t errlen)
{
	const Elf64_Sym *sym = elfk_elf_lookup(elf, name);

	if (!sym)
		return 0;
	return life_add(s, kind == SBX_LIFE_EXIT, sym->st_value, kind, 0, err,
			errlen);
}

static int life_collect(struct sbx *s, struct elfk_elf *elf, char *err,
			size_t errlen)
{
	const struct elfk_dynamic *dyn = &elf->dyn;
	uint64_t ni = ELFK_HAS(dyn, INIT_ARRAY) ? dyn->init_arraysz / 8 : 0;
	uint64_t nf = ELFK_HAS(dyn, FINI_ARRAY) ? dyn->fini_arraysz / 8 : 0;

	s->inits = calloc(ni + 2, sizeof(*s->inits));
	s->init_kind = calloc(ni + 2, sizeof(*s->init_kind));
	s->finis = calloc(nf + 2, sizeof(*s->finis));
	s->fini_kind = calloc(nf + 2, sizeof(*s->fini_kind));
	s->init_idx = calloc(ni + 2, sizeof(*s->init_idx));
	s->fini_idx = calloc(nf + 2, sizeof(*s->fini_idx));
	if (!s->inits || !s->init_kind || !s->finis || !s->fini_kind ||
	    !s->init_idx || !s->fini_idx) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (ELFK_HAS(dyn, INIT) &&
	    life_add(s, 0, dyn->init, SBX_LIFE_INIT, 0, err, errlen))
		return -1;
	if (life_array(s, elf, dyn->init_array, ni, 0, err, errlen) ||
	    life_sym(s, elf, "elfk_init", SBX_LIFE_ELFK_INIT, err, errlen) ||
	    life_sym(s, elf, "elfk_exit", SBX_LIFE_EXIT, err, errlen) ||
	    life_array(s, elf, dyn->fini_array, nf, 1, err, errlen))
		return -1;
	if (ELFK_HAS(dyn, FINI) &&
	    life_add(s, 1, dyn->fini, SBX_LIFE_FINI, 0, err, errlen))
		return -1;
	return 0;
}

/* The kernel's elfk_sandbox_init(): each entry a CALL, in order. */
static int life_init(struct sbx *s, char *err, size_t errlen)
{
	static const uint64_t none[6];
	uint64_t left = sbx_life_budget;
	unsigned int i;
	char what[48];
	long r;
	int st;

	s->inited = 1;
	for (i = 0; i < s->nr_inits; i++) {
		r = sbx_call(s, (uintptr_t)s->B + s->inits[i], none, left, &st);
		left = fuel_left(st);
		if (st) {
			life_label(what, sizeof(what), s->init_kind[i], s->init_idx[i]);
			snprintf(err, errlen, "%s at window offset 0x%llx: %s (rule T11)",
				 what,
				 (unsigned long long)s->inits[i],
				 st == SBX_ETIME ? "ran out of fuel (ETIME)" :
				 "aborted (EFAULT)");
			return -1;
		}
		if (s->init_kind[i] == SBX_LIFE_ELFK_INIT && (int)r) {
			snprintf(err, errlen, "elfk_init() returned %d", (int)r);
			return -1;
		}
	}
	s->init_ok = 1;
	return 0;
}

/*
 * Rule T12: the TLS area is the SBX_TLS_AREA bytes below the stack (the
 * kernel: below the CALL slots); the template is copied out of the window
 * after relocation, so what the object writes there later changes nothing.
 */
static int tls_open(struct sbx *s, const struct elfk_elf *elf, char *err,
		    size_t errlen)
{
	uint64_t align = elf->tls.align < 16 ? 16 : elf->tls.align;

	s->tls_memsz = elf->tls.memsz;
	s->tls_filesz = elf->tls.filesz;
	s->tls_bsize = (s->tls_memsz + align - 1) & ~(align - 1);
	if (!s->tls_bsize)
		s->tls_bsize = align;
	if (s->tls_bsize > SBX_TLS_MAX_BLOCK) {
		snprintf(err, errlen, "PT_TLS block of 0x%llx bytes is above 0x%x (rule T12)",
			 (unsigned long long)s->tls_bsize, SBX_TLS_MAX_BLOCK);
		return -1;
	}
	s->tls_nr = SBX_TLS_AREA / s->tls_bsize;
	if (s->tls_nr > SBX_TLS_MAX_BLOCKS)
		s->tls_nr = SBX_TLS_MAX_BLOCKS;
	s->tls_area = s->heap_end - SBX_TLS_AREA;
	s->heap_end = s->tls_area;
	s->tls_tmpl = malloc(s->tls_filesz + 1);
	if (!s->tls_tmpl) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memcpy(s->tls_tmpl, s->B + elf->tls.vaddr, s->tls_filesz);
	s->tls = 1;
	return 0;
}

/* The calling task's block, made from the template at its first CALL. */
static int tls_get(struct sbx *s, uint64_t *block)
{
	unsigned int i, nfree = s->tls_nr;

	for (i = 0; i < s->tls_nr; i++) {
		if (s->tls_owner[i] == s->task + 1) {
			*block = s->tls_area + i * s->tls_bsize;
			return 0;
		}
		if (!s->tls_owner[i] && nfree == s->tls_nr)
			nfree = i;
	}
	if (nfree == s->tls_nr) {
		log_add("sbx: TLS area full (rule T12)", 29);
		return SBX_ENOSPC;
	}
	s->tls_owner[nfree] = s->task + 1;
	*block = s->tls_area + nfree * s->tls_bsize;
	memcpy(s->B + *block, s->tls_tmpl, s->tls_filesz);
	memset(s->B + *block + s->tls_filesz, 0, s->tls_bsize - s->tls_filesz);
	return 0;
}

void sbx_set_task(struct sbx *s, int task)
{
	s->task = task;
}

void sbx_task_exit(struct sbx *s, int task)
{
	unsigned int i;

	for (i = 0; i < s->tls_nr; i++)
		if (s->tls_owner[i] == task + 1)
			s->tls_owner[i] = 0;
}

uint64_t sbx_tls_block(struct sbx *s, int task)
{
	unsigned int i;

	for (i = 0; i < s->tls_nr; i++)
		if (s->tls_owner[i] == task + 1)
			return s->tls_area + i * s->tls_bsize;
	return 0;
}

int sbx_open(struct sbx *s, const char *path, char *err, size_t errlen)
{
	struct elfk_window_image wi;
	char logbuf[1024] = "";
	struct elfk_log log;
	struct elfk_elf *elf;
	uint64_t win, i, end = 0;
	uint8_t *p;
	double t;
	int rc;

	memset(s, 0, sizeof(*s));
	if (elfk_window_read(path, &wi, err, errlen))
		return -1;
	s->image = wi.image;
	s->k = wi.cfg.window_bits;
	s->c = wi.cfg.code_bits;
	if (s->k < 22 || s->k > 32 || s->c < 13 || (1ULL << s->c) + G > (1ULL << (s->k - 1))) {
		snprintf(err, errlen, "window k=%u c=%u not supported", s->k, s->c);
		goto fail;
	}
	win = 1ULL << s->k;
	/* [-G, 2^k + G) at a 2^k-aligned B, every byte mapped RW (W3) */
	s->map_len = 2 * win + 2 * G;
	s->map = mmap(NULL, s->map_len, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (s->map == MAP_FAILED) {
		s->map = NULL;
		snprintf(err, errlen, "mmap: %s", strerror(errno));
		goto fail;
	}
	s->B = (uint8_t *)(((uintptr_t)s->map + G + win - 1) & ~(uintptr_t)(win - 1));

	elf = calloc(1, sizeof(*elf));
	s->elf = elf;
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	{
		const struct elfk_load_env env = {
			.arch = &elfk_arch_ops, .resolver = &resolver,
			.log = &log, .alloc = window_alloc, .ctx = s,
		};

		rc = elfk_image_load(elf, wi.image, wi.size, &env);
	}
	if (rc) {
		snprintf(err, errlen, "load: %d: %s", rc, logbuf);
		goto fail;
	}
	for (i = 0; i < elf->nr_segs; i++) {
		const struct elfk_segment *seg = &elf->segs[i];
		uint64_t lo = seg->vaddr, hi = seg->vaddr + seg->memsz;

		/* the loader's segment rules of tramp-abi */
		if (seg->prot & ELFK_PROT_X ?
		    lo < 4096 || hi > (1ULL << s->c) :
		    seg->prot & ELFK_PROT_W ?
		    lo < win / 2 || hi > win - STACK_SIZE -
		    (elf->has_tls ? SBX_TLS_AREA : 0) :
		    lo < (1ULL << s->c) || hi > win / 2 - G) {
			snprintf(err, errlen,
				 "segment %llu at [0x%llx, 0x%llx) breaks the window layout",
				 (unsigned long long)i, (unsigned long long)lo,
				 (unsigned long long)hi);
			goto fail;
		}
		if (hi > end && (seg->prot & ELFK_PROT_W))
			end = hi;
	}
	s->code_off = wi.cfg.code_off;
	s->code_size = wi.code_size;

	/* K3, K4: trampolines at 0, trap bundles after the code */
	tramp_page(s->B);
	for (p = s->B + s->code_off + s->code_size; p < s->B + (1ULL << s->c); p += 32) {
		int32_t rel = (int32_t)(0 - (p + 5 - s->B));

		p[0] = 0xe9;
		memcpy(p + 1, &rel, 4);
		memset(p + 5, 0x90, 27);
	}
	if (mprotect(s->B, 1ULL << s->c, PROT_READ | PROT_EXEC) ||
	    mprotect(s->B + (1ULL << s->c), win / 2 - G - (1ULL << s->c), PROT_READ)) {
		snprintf(err, errlen, "mprotect: %s", strerror(errno));
		goto fail;
	}

	/* K9: verify the bytes that will run, where they run from */
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	t = now_ns();
	rc = elfk_x86_verify(s->B + s->code_off, s->code_size, &wi.cfg, NULL, &log);
	s->verify_ns = now_ns() - t;
	if (rc) {
		snprintf(err, errlen, "refused: %s", logbuf);
		goto fail;
	}
	s->heap = (end + 4095) & ~4095ULL;
	s->heap_end = win - STACK_SIZE;
	if (elf->has_tls && tls_open(s, elf, err, errlen))
		goto fail;
	sbx_reset_heap(s);
	if (life_collect(s, elf, err, errlen) || life_init(s, err, errlen))
		goto fail;
	return 0;
fail:
	sbx_close(s);
	return -1;
}

void sbx_reset_heap(struct sbx *s)
{
	const struct elfk_elf *elf = s->elf;
	uint64_t i, end = 0;

	for (i = 0; i < elf->nr_segs; i++)
		if (elf->segs[i].prot & ELFK_PROT_W &&
		    elf->segs[i].vaddr + elf->segs[i].memsz > end)
			end = elf->segs[i].vaddr + elf->segs[i].memsz;
	s->heap = (end + 4095) & ~4095ULL;
}

void sbx_close(struct sbx *s)
{
	static const uint64_t none[6];
	uint64_t left = sbx_life_budget, share;
	char line[128], what[48];
	unsigned int i, todo = 0;
	int st;

	for (i = 0; i < s->nr_finis; i++)
		if (s->fini_kind[i] != SBX_LIFE_EXIT || s->init_ok)
			todo++;
	/* The kernel's elfk_sandbox_fini(): a failed entry is reported, the next runs. */
	for (i = 0; s->inited && i < s->nr_finis; i++) {
		if (s->fini_kind[i] == SBX_LIFE_EXIT && !s->init_ok)
			continue;
		share = left / todo--;
		left -= share;
		sbx_call(s, (uintptr_t)s->B + s->finis[i], none, share, &st);
		left += fuel_left(st);
		if (st) {
			life_label(what, sizeof(what), s->fini_kind[i], s->fini_idx[i]);
			snprintf(line, sizeof(line), "sbx: %s at window offset 0x%llx failed: %d",
				 what,
				 (unsigned long long)s->finis[i], st);
			log_add(line, strlen(line));
		}
	}
	free(s->tls_tmpl);
	free(s->inits);
	free(s->finis);
	free(s->init_kind);
	free(s->fini_kind);
	free(s->init_idx);
	free(s->fini_idx);
	if (s->elf) {
		elfk_elf_release(s->elf);
		free(s->elf);
	}
	if (s->map)
		munmap(s->map, s->map_len);
	free(s->image);
	memset(s, 0, sizeof(*s));
}

uint64_t sbx_sym(struct sbx *s, const char *name)
{
	const Elf64_Sym *sym = elfk_elf_lookup(s->elf, name);

	if (!sym || ELF64_ST_TYPE(sym->st_info) != STT_FUNC ||
	    sym->st_value < s->code_off ||
	    sym->st_value >= s->code_off + s->code_size || sym->st_value % 32)
		return 0;
	return (uint64_t)(uintptr_t)s->B + sym->st_value;
}

void *sbx_alloc(struct sbx *s, size_t len)
{
	uint64_t off = (s->heap + 63) & ~63ULL;

	if (len > s->heap_end || off > s->heap_end - len)
		return NULL;
	s->heap = off + len;
	return s->B + off;
}

long sbx_call(struct sbx *s, uint64_t fn, const uint64_t args[6],
	      uint64_t budget, int *status)
{
	uint64_t win = 1ULL << s->k, regs[11], block;
	uint8_t *slot = s->B + win - SBX_SLOT_SIZE;
	/* the kernel's slot: T_EXIT 24 bytes below the stack's top (T12) */
	uint64_t *top = (uint64_t *)(slot + SBX_TLS_WORD - 16);
	long r;

	if (s->tls) {
		int e = tls_get(s, &block);

		if (e) {
			*status = e;
			return e;
		}
		*(uint64_t *)(slot + SBX_TLS_WORD) = (uintptr_t)s->B + block;
	}
	sbx_cur = s;
	/* tramp-abi entry: T_EXIT pushed, r13 a slice, r14 B, r15 B+2^(k-1) */
	*top = (uint64_t)(uintptr_t)s->B + 0x240;
	sbx_bmask = (1ULL << s->c) - 32;
	sbx_status = 0;
	sbx_budget = budget;
	regs[0] = fn;
	regs[1] = (uint64_t)(uintptr_t)top;
	regs[2] = sbx_budget < sbx_slice ? sbx_budget : sbx_slice;
	sbx_budget -= regs[2];
	regs[3] = (uint64_t)(uintptr_t)s->B;
	regs[4] = regs[3] + win / 2;
	memcpy(&regs[5], args, 6 * sizeof(*args));
	r = sbx_enter(regs);
	*status = sbx_status;
	return r;
}

void sbx_set_slice(uint64_t slice)
{
	sbx_slice = slice ? slice : 1;
}
