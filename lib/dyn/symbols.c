// SPDX-License-Identifier: GPL-2.0
/*
 * The dynamic symbol table and its hash tables: validation and lookup.
 *
 * The number of dynamic symbols is not recorded anywhere directly; like
 * ld.so we derive it from DT_HASH (nchain) or by walking DT_GNU_HASH to the
 * end of its last chain.  Every bucket and chain entry is checked here, so
 * lookups in placed memory need no further bounds checks beyond a loop cap.
 */
#include "../bind.h"

/*
 * The host tests count the name compares a lookup makes (a Bloom or hash
 * miss must make none) and the names hashed (one per lookup, however long
 * the scope); the module and the bench build without it.
 */
#ifdef ELFK_TEST_COUNTERS
unsigned long elfk_test_name_compares, elfk_test_names_hashed;
#define count_compare() (elfk_test_name_compares++)
#define count_hash() (elfk_test_names_hashed++)
#else
#define count_compare() do { } while (0)
#define count_hash() do { } while (0)
#endif

u32 elfk_gnu_hash(const char *name)
{
	const unsigned char *s = (const unsigned char *)name;
	u32 h = 5381;

	count_hash();
	while (*s)
		h = h * 33 + *s++;
	return h;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_gnu_hash);

u32 elfk_sysv_hash(const char *name)
{
	const unsigned char *s = (const unsigned char *)name;
	u32 h = 0, g;

	while (*s) {
		h = (h << 4) + *s++;
		g = h & 0xf0000000;
		h ^= g >> 24;
		h &= ~g;
	}
	return h;
}

static int parse_sysv(struct elfk_elf *elf, const struct elfk_limits *lim,
		      struct elfk_log *log)
{
	const u32 *hdr, *tab;
	u64 vaddr = elf->dyn.hash, n, i;
	u32 nbucket, nchain;
	int err;

	if (vaddr % 4)
		return elfk_reject(log, -ENOEXEC, "DT_HASH 0x%llx is not 4-byte aligned",
				   (unsigned long long)vaddr);
	hdr = elfk_elf_image_range(elf, vaddr, 8, true, "DT_HASH", log, &err);
	if (!hdr)
		return err;
	nbucket = hdr[0];
	nchain = hdr[1];
	if (!nbucket)
		return elfk_reject(log, -ENOEXEC, "DT_HASH: nbucket is 0");
	if (nchain > lim->max_symbols)
		return elfk_reject(log, -E2BIG,
				   "DT_HASH: nchain %u is above the max_symbols cap of %u",
				   nchain, lim->max_symbols);
	n = (u64)nbucket + nchain;
	tab = elfk_elf_image_range(elf, vaddr + 8, n * 4, true,
				   "DT_HASH buckets and chains", log, &err);
	if (!tab)
		return err;
	for (i = 0; i < n; i++) {
		if (i % 4096 == 4095)
			elfk_env_resched();
		if (tab[i] >= nchain)
			return elfk_reject(log, -ENOEXEC,
					   "DT_HASH: %s %llu is %u, past nchain %u",
					   i < nbucket ? "bucket" : "chain",
					   (unsigned long long)(i < nbucket ? i : i - nbucket),
					   tab[i], nchain);
	}
	elf->sysv.nbucket = nbucket;
	elf->sysv.nchain = nchain;
	elf->has_sysv = true;
	return 0;
}

/*
 * Every nonempty bucket starts at or above symoffset; the highest starts
 * the last chain.  A block of buckets is tested without a branch per
 * bucket (the compiler vectorises it) and searched again for the first
 * bad bucket only when one is bad, so the message names the same bucket
 * as a test of each in turn.
 */
static int check_gnu_buckets(const u32 *buckets, u32 nbuckets, u32 symoffset,
			     u32 *last, struct elfk_log *log)
{
	/* A bucket b is bad when b - 1 (0 wraps to U32_MAX) is below this. */
	u32 below = symoffset ? symoffset - 1 : 0;
	u32 i, j, n, top = 0, bad;

	for (i = 0; i < nbuckets; i += n) {
		n = min_t(u32, nbuckets - i, 4096);
		bad = 0;
		for (j = i; j < i + n; j++) {
			bad |= buckets[j] - 1 < below;
			top = max(top, buckets[j]);
		}
		for (j = i; bad && j < i + n; j++)
			if (buckets[j] && buckets[j] < symoffset)
				return elfk_reject(log, -ENOEXEC,
						   "DT_GNU_HASH: bucket %llu is %u, below symoffset %u",
						   (unsigned long long)j,
						   buckets[j], symoffset);
		elfk_env_resched();
	}
	*last = top;
	return 0;
}

/*
 * Walk the last chain, from its first entry @last, to its end bit: that
 * entry is the last symbol, and *@nr_syms is one past it.  Each entry is
 * checked as ld.so would need it, in order: below max_symbols, then inside
 * the file part of a read-only PT_LOAD.  The second check is made once for
 * the run of entries that the segment of the first one holds (every entry
 * of that run passes it the same way); only an entry past the run goes
 * through elfk_elf_image_range() again, so that it fails, or continues in
 * another segment, exactly as an entry-by-entry check would.
 */
static int gnu_chain_end(const struct elfk_elf *elf,
			 const struct elfk_limits *lim, u64 chain_at,
			 u32 symoffset, u32 last, u32 *nr_syms,
			 struct elfk_log *log)
{
	const struct elfk_segment *seg;
	const u32 *h = NULL;
	u64 i, at, left = 0;
	int err;

	for (i = last;; i++, h++, left--) {
		if (i >= lim->max_symbols)
			return elfk_reject(log, -E2BIG,
					   "DT_GNU_HASH: chain runs past the max_symbols cap of %u",
					   lim->max_symbols);
		if (!left) {
			at = chain_at + (i - symoffset) * 4;
			h = elfk_elf_image_range(elf, at, 4, true,
						 "DT_GNU_HASH chain", log, &err);
			if (!h)
				return err;
			/*
			 * The segment elfk_elf_image_range() found: [at, +4)
			 * is inside its file part, so it exists and the
			 * subtraction does not wrap.
			 */
			seg = elfk_elf_segment_of(elf, at, 4);
			left = (seg->vaddr + seg->filesz - at) / 4;
		}
		if (*h & 1)
			break;
		if (i % 4096 == 4095)
			elfk_env_resched();
	}
	*nr_syms = i + 1;
	return 0;
}

static int parse_gnu(struct elfk_elf *elf, const struct elfk_limits *lim,
		     u32 *nr_syms, struct elfk_log *log)
{
	u64 vaddr = elf->dyn.gnu_hash, buckets_at, chain_at;
	const u32 *hdr, *buckets;
	u32 nbuckets, symoffset, bloom_size, bloom_shift, last = 0;
	int err;

	if (vaddr % 8)
		return elfk_reject(log, -ENOEXEC, "DT_GNU_HASH 0x%llx is not 8-byte aligned",
				   (unsigned long long)vaddr);
	hdr = elfk_elf_image_range(elf, vaddr, 16, true, "DT_GNU_HASH", log, &err);
	if (!hdr)
		return err;
	nbuckets = hdr[0];
	symoffset = hdr[1];
	bloom_size = hdr[2];
	bloom_shift = hdr[3];
	if (!nbuckets)
		return elfk_reject(log, -ENOEXEC, "DT_GNU_HASH: nbuckets is 0");
	if (!is_power_of_2(bloom_size))
		return elfk_reject(log, -ENOEXEC,
				   "DT_GNU_HASH: bloom_size %u is not a power of two",
				   bloom_size);
	if (bloom_shift >= 32)
		return elfk_reject(log, -ENOEXEC,
				   "DT_GNU_HASH: bloom_shift %u is not below 32",
				   bloom_shift);
	if (nbuckets > lim->max_symbols || bloom_size > lim->max_symbols ||
	    symoffset > lim->max_symbols)
		return elfk_reject(log, -E2BIG,
				   "DT_GNU_HASH: nbuckets %u, bloom_size %u or symoffset %u is above the max_symbols cap of %u",
				   nbuckets, bloom_size, symoffset,
				   lim->max_symbols);
	if (!elfk_elf_image_range(elf, vaddr + 16, (u64)bloom_size * 8, true,
				  "DT_GNU_HASH Bloom filter", log, &err))
		return err;
	buckets_at = vaddr + 16 + (u64)bloom_size * 8;
	buckets = elfk_elf_image_range(elf, buckets_at, (u64)nbuckets * 4, true,
				       "DT_GNU_HASH buckets", log, &err);
	if (!buckets)
		return err;
	err = check_gnu_buckets(buckets, nbuckets, symoffset, &last, log);
	if (err)
		return err;
	chain_at = buckets_at + (u64)nbuckets * 4;
	if (!last) {
		*nr_syms = symoffset;
	} else {
		err = gnu_chain_end(elf, lim, chain_at, symoffset, last,
				    nr_syms, log);
		if (err)
			return err;
		if (!elfk_elf_image_range(elf, chain_at,
					  (u64)(*nr_syms - symoffset) * 4, true,
					  "DT_GNU_HASH chain", log, &err))
			return err;
	}
	elf->gnu.nbuckets = nbuckets;
	elf->gnu.symoffset = symoffset;
	elf->gnu.bloom_size = bloom_size;
	elf->gnu.bloom_shift = bloom_shift;
	elf->has_gnu = true;
	return 0;
}

/*
 * What a definition's type promises, checked once, when its own object
 * loads, because other objects and the kernel act on it later without
 * looking again: a dependent's load calls an IFUNC resolver (resolve_cb()),
 * CALL and the dependents call exported functions, and __tls_get_addr()
 * hands out st_value as an offset into a block of p_memsz bytes.
 * (st_name was checked by the caller.)
 */
static int check_symbol_kind(const struct elfk_elf *elf, u32 i,
			     const Elf64_Sym *s, const char *strtab,
			     const struct elfk_segment **text,
			     struct elfk_log *log)
{
	u8 type = ELF64_ST_TYPE(s->st_info);
	const char *name = strtab + s->st_name;

	if (type == STT_TLS && !elf->has_tls)
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': STT_TLS, and the object has no PT_TLS segment",
				   i, name);
	if (type == STT_TLS && !elfk_elf_tls_sym_fits(elf, s))
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': STT_TLS [0x%llx, +0x%llx) is outside the 0x%llx-byte PT_TLS block",
				   i, name, (unsigned long long)s->st_value,
				   (unsigned long long)s->st_size,
				   (unsigned long long)elf->tls.memsz);
	if (type == STT_GNU_IFUNC &&
	    (s->st_shndx == SHN_ABS || !elfk_elf_in_text(elf, s->st_value, text)))
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': STT_GNU_IFUNC resolver at 0x%llx is outside the executable segments",
				   i, name, (unsigned long long)s->st_value);
	if (type == STT_FUNC && s->st_shndx != SHN_ABS && elfk_bind_exported(s) &&
	    !elfk_elf_in_text(elf, s->st_value, text))
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': exported STT_FUNC at 0x%llx is outside the executable segments",
				   i, name, (unsigned long long)s->st_value);
	return 0;
}

static int check_symbols(struct elfk_elf *elf, struct elfk_log *log)
{
	const struct elfk_segment *text = NULL;
	const Elf64_Sym *syms;
	const char *strtab;
	u64 end = elf->vbase + elf->vsize;
	u32 i;
	int err;

	/* Checked by elfk_elf_parse_dynamic(): only its address is wanted. */
	strtab = elfk_elf_image_range(elf, elf->dyn.strtab, elf->dyn.strsz,
				      true, "DT_STRTAB", log, &err);
	if (!strtab)
		return err;

	if (elf->dyn.symtab % 8)
		return elfk_reject(log, -ENOEXEC, "DT_SYMTAB 0x%llx is not 8-byte aligned",
				   (unsigned long long)elf->dyn.symtab);
	syms = elfk_elf_image_range(elf, elf->dyn.symtab,
				    (u64)elf->nr_syms * sizeof(Elf64_Sym), true,
				    "DT_SYMTAB", log, &err);
	if (!syms)
		return err;
	for (i = 1; i < elf->nr_syms; i++) {
		const Elf64_Sym *s = &syms[i];
		u8 type = ELF64_ST_TYPE(s->st_info);

		if (i % 4096 == 0)
			elfk_env_resched();
		/*
		 * The common definitions, passing every check below in one
		 * test each: a name inside DT_STRTAB, an ordinary section
		 * index, and a function in the text segment found last
		 * (elfk_elf_in_text(); inside the object, so the last check
		 * holds too) or an object or untyped symbol inside the
		 * object.  Anything else takes the checks one by one.
		 */
		if (s->st_name < elf->dyn.strsz &&
		    s->st_shndx != SHN_UNDEF && s->st_shndx < SHN_LORESERVE) {
			if (type == STT_FUNC && text &&
			    s->st_value >= text->vaddr &&
			    s->st_value - text->vaddr < text->memsz)
				continue;
			if ((type == STT_OBJECT || type == STT_NOTYPE) &&
			    s->st_value >= elf->vbase && s->st_value <= end)
				continue;
		}
		if (s->st_name >= elf->dyn.strsz)
			return elfk_reject(log, -ENOEXEC,
					   "symbol %u: st_name 0x%x is outside DT_STRTAB (%llu bytes)",
					   i, s->st_name,
					   (unsigned long long)elf->dyn.strsz);
		if (s->st_shndx == SHN_UNDEF)
			continue;
		if (s->st_shndx >= SHN_LORESERVE && s->st_shndx != SHN_ABS)
			return elfk_reject(log, -ENOEXEC,
					   "symbol %u: reserved section index 0x%x",
					   i, s->st_shndx);
		err = check_symbol_kind(elf, i, s, strtab, &text, log);
		if (err)
			return err;
		if (s->st_shndx == SHN_ABS || type == STT_TLS)
			continue;
		if (s->st_value < elf->vbase || s->st_value > end)
			return elfk_reject(log, -ENOEXEC,
					   "symbol %u: st_value 0x%llx is outside the object [0x%llx, 0x%llx]",
					   i, (unsigned long long)s->st_value,
					   (unsigned long long)elf->vbase,
					   (unsigned long long)end);
	}
	return 0;
}

int elfk_elf_parse_hash(struct elfk_elf *elf, const struct elfk_limits *lim,
			struct elfk_log *log)
{
	u32 gnu_syms = 0;
	int err;

	if (!ELFK_HAS(&elf->dyn, HASH) && !ELFK_HAS(&elf->dyn, GNU_HASH))
		return elfk_reject(log, -ENOEXEC,
				   "no DT_HASH or DT_GNU_HASH: symbols cannot be looked up");
	if (ELFK_HAS(&elf->dyn, HASH)) {
		err = parse_sysv(elf, lim, log);
		if (err)
			return err;
	}
	if (ELFK_HAS(&elf->dyn, GNU_HASH)) {
		err = parse_gnu(elf, lim, &gnu_syms, log);
		if (err)
			return err;
	}
	elf->nr_syms = max(gnu_syms, elf->sysv.nchain);
	if (elf->has_sysv && gnu_syms > elf->sysv.nchain)
		return elfk_reject(log, -ENOEXEC,
				   "DT_GNU_HASH covers %u symbols but DT_HASH nchain is %u",
				   gnu_syms, elf->sysv.nchain);
	if (elf->nr_syms > lim->max_symbols)
		return elfk_reject(log, -E2BIG,
				   "%u dynamic symbols, above the max_symbols cap of %u",
				   elf->nr_syms, lim->max_symbols);
	return check_symbols(elf, log);
}

const char *elfk_elf_sym_name(const struct elfk_elf *elf, const Elf64_Sym *sym)
{
	return elf->strtab + sym->st_name;
}

static const Elf64_Sym *match(const struct elfk_elf *elf, u32 idx,
			      const char *name, const char *version)
{
	const Elf64_Sym *sym = &elf->symtab[idx];

	if (!elfk_bind_exported(sym))
		return NULL;
	count_compare();
	if (strcmp(elfk_elf_sym_name(elf, sym), name))
		return NULL;
	/* Only a definition of the name is checked for its version. */
	if (!elf->versym)
		return sym;
	return elfk_elf_def_matches(elf, idx, version) ? sym : NULL;
}

/*
 * @h is the name's GNU hash, computed once by the caller for its whole
 * scope.  The Bloom filter rejects most names of other objects before
 * their bucket is read; a chain entry is compared by its stored hash
 * before its name.
 */
static const Elf64_Sym *lookup_gnu(const struct elfk_elf *elf, const char *name,
				   u32 h, const char *version)
{
	const struct elfk_gnu_hash *g = &elf->gnu;
	u32 idx, n;
	u64 word = g->bloom[(h / 64) & (g->bloom_size - 1)];
	u64 mask = (1ULL << (h % 64)) | (1ULL << ((h >> g->bloom_shift) % 64));
	const Elf64_Sym *sym;

	if ((word & mask) != mask)
		return NULL;
	idx = g->buckets[h % g->nbuckets];
	if (!idx)
		return NULL;
	/* Validation guarantees that every chain ends before nr_syms. */
	for (n = idx; n < elf->nr_syms; n++) {
		u32 ch = g->chain[n - g->symoffset];

		if ((ch | 1) == (h | 1)) {
			sym = match(elf, n, name, version);
			if (sym)
				return sym;
		}
		if (ch & 1)
			break;
	}
	return NULL;
}

static const Elf64_Sym *lookup_sysv(const struct elfk_elf *elf,
				    const char *name, const char *version)
{
	const struct elfk_sysv_hash *s = &elf->sysv;
	u32 idx, steps;
	const Elf64_Sym *sym;

	idx = s->buckets[elfk_sysv_hash(name) % s->nbucket];
	/* A hostile chain may loop: never take more steps than symbols. */
	for (steps = 0; idx && steps < s->nchain; steps++) {
		sym = match(elf, idx, name, version);
		if (sym)
			return sym;
		idx = s->chains[idx];
	}
	return NULL;
}

/**
 * elfk_elf_lookup_key() - an object's definition of an undefined symbol
 * @elf: the object, placed
 * @key: the name, its elfk_gnu_hash() and the version asked for (NULL:
 *       the default version; see elfk_elf_def_matches())
 *
 * A scope walk computes @key->hash once and asks every object with it.
 *
 * Return: the definition, or NULL.
 */
const Elf64_Sym *elfk_elf_lookup_key(const struct elfk_elf *elf,
				     const struct elfk_sym_key *key)
{
	return elfk_elf_fmt(elf)->lookup(elf, key->name, key->hash,
					 key->version);
}
EXPORT_SYMBOL_IF_KUNIT(elfk_elf_lookup_key);

/*
 * The definition of @name that a reference for @version binds to (see
 * elfk_elf_def_matches()); NULL asks for the default version.
 */
const Elf64_Sym *elfk_elf_lookup_version(const struct elfk_elf *elf,
					 const char *name, const char *version)
{
	return elfk_elf_fmt(elf)->lookup(elf, name, elfk_gnu_hash(name),
					 version);
}

const Elf64_Sym *elfk_dyn_lookup(const struct elfk_elf *elf, const char *name,
				 u32 hash, const char *version)
{
	if (elf->has_gnu)
		return lookup_gnu(elf, name, hash, version);
	return lookup_sysv(elf, name, version);
}

const Elf64_Sym *elfk_elf_lookup(const struct elfk_elf *elf, const char *name)
{
	return elfk_elf_lookup_version(elf, name, NULL);
}
EXPORT_SYMBOL_IF_KUNIT(elfk_elf_lookup);
