/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Immutable hash index over byte-string keys, built once per policy load.
 * Entries are stored bucket by bucket in one array, so a lookup touches
 * one offset pair and the entries of a single bucket.
 */
#ifndef _DMZG_HIDX_H
#define _DMZG_HIDX_H

#include <linux/types.h>

struct dmzg_hidx_entry {
	const u8 *key;
	u32 len;
	u32 hash;
	u32 value;	/* index of the rule the key belongs to */
};

struct dmzg_hidx {
	u32 mask;		/* number of buckets - 1 */
	u32 *bucket;		/* mask + 2 offsets into @ent */
	struct dmzg_hidx_entry *ent;
	u32 n;
};

int dmzg_hidx_build(struct dmzg_hidx *idx, const struct dmzg_hidx_entry *src,
		    u32 n);
void dmzg_hidx_free(struct dmzg_hidx *idx);
size_t dmzg_hidx_bytes(const struct dmzg_hidx *idx);

/**
 * dmzg_hidx_next() - find the next entry with a given key
 * @idx: index
 * @hash: dmzg_hash_bytes() of @key
 * @key: key bytes
 * @len: key length
 * @pos: iterator, initialise to 0; updated past the returned entry
 *
 * Entries with equal keys are returned in the order they were given to
 * dmzg_hidx_build().
 *
 * Return: the matching entry, or NULL when there are no more.
 */
static inline const struct dmzg_hidx_entry *
dmzg_hidx_next(const struct dmzg_hidx *idx, u32 hash, const void *key,
	       u32 len, u32 *pos)
{
	u32 b, i, end;

	if (!idx->n)
		return NULL;
	b = hash & idx->mask;
	i = idx->bucket[b] + *pos;
	end = idx->bucket[b + 1];
	for (; i < end; i++) {
		const struct dmzg_hidx_entry *e = &idx->ent[i];

		if (e->hash == hash && e->len == len &&
		    !memcmp(e->key, key, len)) {
			*pos = i - idx->bucket[b] + 1;
			return e;
		}
	}
	*pos = end - idx->bucket[b];
	return NULL;
}

#endif /* _DMZG_HIDX_H */
