// SPDX-License-Identifier: GPL-2.0
/*
 * Symbol versioning (DT_VERSYM, DT_VERNEED, DT_VERDEF) and DT_NEEDED names.
 *
 * Every version record is checked against the image before use: the
 * records form linked lists through relative offsets, so each walk is
 * bounded by the count the dynamic section gives and each record must lie
 * in the file part of a read-only PT_LOAD.  After placement the records
 * are read from placed memory, at the same offsets.
 */
#include "../core.h"

struct elfk_verneed {
	u16 vn_version;
	u16 vn_cnt;
	u32 vn_file;
	u32 vn_aux;
	u32 vn_next;
};

struct elfk_vernaux {
	u32 vna_hash;
	u16 vna_flags;
	u16 vna_other;
	u32 vna_name;
	u32 vna_next;
};

struct elfk_verdef {
	u16 vd_version;
	u16 vd_flags;
	u16 vd_ndx;
	u16 vd_cnt;
	u32 vd_hash;
	u32 vd_aux;
	u32 vd_next;
};

struct elfk_verdaux {
	u32 vda_name;
	u32 vda_next;
};

static int check_name(const struct elfk_elf *elf, const char *what, u32 name,
		      struct elfk_log *log)
{
	if (name < elf->dyn.strsz)
		return 0;
	return elfk_reject(log, -ENOEXEC,
			   "%s: name 0x%x is outside DT_STRTAB (%llu bytes)",
			   what, name, (unsigned long long)elf->dyn.strsz);
}

static int check_verneed(const struct elfk_elf *elf, struct elfk_log *log)
{
	const struct elfk_verneed *vn;
	const struct elfk_vernaux *va;
	u64 at = elf->dyn.verneed, aux;
	u32 i, j;
	int err;

	if (!ELFK_HAS(&elf->dyn, VERNEEDNUM) ||
	    elf->dyn.verneednum > ELFK_MAX_VERSIONS)
		return elfk_reject(log, -ENOEXEC,
				   "DT_VERNEED needs DT_VERNEEDNUM between 1 and %u",
				   ELFK_MAX_VERSIONS);
	for (i = 0; i < elf->dyn.verneednum; i++) {
		if (at % 4)
			return elfk_reject(log, -ENOEXEC,
					   "DT_VERNEED entry %u at 0x%llx is misaligned",
					   i, (unsigned long long)at);
		vn = elfk_elf_image_range(elf, at, sizeof(*vn), true,
					  "DT_VERNEED entry", log, &err);
		if (!vn)
			return err;
		if (vn->vn_version != 1)
			return elfk_reject(log, -ENOEXEC,
					   "DT_VERNEED entry %u: vn_version %u, expected 1",
					   i, vn->vn_version);
		err = check_name(elf, "DT_VERNEED file", vn->vn_file, log);
		if (err)
			return err;
		aux = at + vn->vn_aux;
		for (j = 0; j < vn->vn_cnt; j++) {
			if (aux % 4 || j >= ELFK_MAX_VERSIONS)
				return elfk_reject(log, -ENOEXEC,
						   "DT_VERNEED entry %u: bad auxiliary entry %u",
						   i, j);
			va = elfk_elf_image_range(elf, aux, sizeof(*va), true,
						  "DT_VERNEED auxiliary entry", log,
						  &err);
			if (!va)
				return err;
			err = check_name(elf, "DT_VERNEED version", va->vna_name,
					 log);
			if (err)
				return err;
			aux += va->vna_next;
		}
		at += vn->vn_next;
	}
	return 0;
}

static int check_verdef(const struct elfk_elf *elf, struct elfk_log *log)
{
	const struct elfk_verdaux *vda;
	const struct elfk_verdef *vd;
	u64 at = elf->dyn.verdef;
	u32 i;
	int err;

	if (!ELFK_HAS(&elf->dyn, VERDEFNUM) ||
	    elf->dyn.verdefnum > ELFK_MAX_VERSIONS)
		return elfk_reject(log, -ENOEXEC,
				   "DT_VERDEF needs DT_VERDEFNUM between 1 and %u",
				   ELFK_MAX_VERSIONS);
	for (i = 0; i < elf->dyn.verdefnum; i++) {
		if (at % 4)
			return elfk_reject(log, -ENOEXEC,
					   "DT_VERDEF entry %u at 0x%llx is misaligned",
					   i, (unsigned long long)at);
		vd = elfk_elf_image_range(elf, at, sizeof(*vd), true,
					  "DT_VERDEF entry", log, &err);
		if (!vd)
			return err;
		if (vd->vd_version != 1 || !vd->vd_cnt)
			return elfk_reject(log, -ENOEXEC,
					   "DT_VERDEF entry %u: vd_version %u, vd_cnt %u",
					   i, vd->vd_version, vd->vd_cnt);
		if ((at + vd->vd_aux) % 4)
			return elfk_reject(log, -ENOEXEC,
					   "DT_VERDEF entry %u: misaligned name", i);
		vda = elfk_elf_image_range(elf, at + vd->vd_aux, sizeof(*vda),
					   true, "DT_VERDEF name", log, &err);
		if (!vda)
			return err;
		err = check_name(elf, "DT_VERDEF", vda->vda_name, log);
		if (err)
			return err;
		at += vd->vd_next;
	}
	return 0;
}

int elfk_elf_parse_versions(struct elfk_elf *elf, struct elfk_log *log)
{
	const struct elfk_dynamic *dyn = &elf->dyn;
	int err;

	if (ELFK_HAS(dyn, VERSYM)) {
		if (dyn->versym % 2)
			return elfk_reject(log, -ENOEXEC, "DT_VERSYM 0x%llx is misaligned",
					   (unsigned long long)dyn->versym);
		if (!elfk_elf_image_range(elf, dyn->versym, (u64)elf->nr_syms * 2,
					  true, "DT_VERSYM", log, &err))
			return err;
	}
	if (ELFK_HAS(dyn, VERNEED)) {
		err = check_verneed(elf, log);
		if (err)
			return err;
	}
	if (ELFK_HAS(dyn, VERDEF)) {
		err = check_verdef(elf, log);
		if (err)
			return err;
	}
	return 0;
}

const char *elfk_dyn_needed(const struct elfk_elf *elf, u32 i)
{
	return elf->strtab + elf->needed[i];
}

static const void *at(const struct elfk_elf *elf, u64 vaddr)
{
	return elfk_elf_ptr(elf, vaddr);
}

/*
 * The version a reference asks for, or NULL when it asks for none; *@file
 * is the DT_NEEDED name the version belongs to.
 */
const char *elfk_elf_ref_version(const struct elfk_elf *elf, u32 symidx,
				 const char **file)
{
	const struct elfk_verneed *vn;
	const struct elfk_vernaux *va;
	u64 vn_at = elf->dyn.verneed, va_at;
	u16 want;
	u32 i, j;

	*file = NULL;
	if (!elf->versym || !ELFK_HAS(&elf->dyn, VERNEED))
		return NULL;
	want = elf->versym[symidx] & ~VERSYM_HIDDEN;
	if (want < 2)
		return NULL;
	for (i = 0; i < elf->dyn.verneednum; i++) {
		vn = at(elf, vn_at);
		va_at = vn_at + vn->vn_aux;
		for (j = 0; j < vn->vn_cnt; j++) {
			va = at(elf, va_at);
			if (va->vna_other == want) {
				*file = elf->strtab + vn->vn_file;
				return elf->strtab + va->vna_name;
			}
			va_at += va->vna_next;
		}
		vn_at += vn->vn_next;
	}
	return NULL;
}

static const char *def_version(const struct elfk_elf *elf, u16 ndx)
{
	const struct elfk_verdef *vd;
	const struct elfk_verdaux *vda;
	u64 vd_at = elf->dyn.verdef;
	u32 i;

	for (i = 0; i < elf->dyn.verdefnum; i++) {
		vd = at(elf, vd_at);
		if (vd->vd_ndx == ndx && !(vd->vd_flags & VER_FLG_BASE)) {
			vda = at(elf, vd_at + vd->vd_aux);
			return elf->strtab + vda->vda_name;
		}
		vd_at += vd->vd_next;
	}
	return NULL;
}

/*
 * Whether definition @symidx satisfies a reference for @version: a
 * versioned reference needs exactly that version (hidden or not); an
 * unversioned one takes the default, never a hidden version.  An object
 * without version information satisfies every reference, as with ld.so.
 */
bool elfk_elf_def_matches(const struct elfk_elf *elf, u32 symidx,
			  const char *version)
{
	const char *name;
	u16 vs;

	if (!elf->versym)
		return true;
	vs = elf->versym[symidx];
	if (!version)
		return !(vs & VERSYM_HIDDEN);
	if (!ELFK_HAS(&elf->dyn, VERDEF))
		return true;
	name = def_version(elf, vs & ~VERSYM_HIDDEN);
	return name && !strcmp(name, version);
}
