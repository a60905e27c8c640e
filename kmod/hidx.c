// SPDX-License-Identifier: GPL-2.0
/*
 * Building the immutable hash index: a counting sort of the entries by
 * bucket, which keeps entries with equal keys in their original order.
 */
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "hidx.h"

/**
 * dmzg_hidx_build() - build an index from entries
 * @idx: index to fill; freed with dmzg_hidx_free()
 * @src: entries, with key, len, hash and value set
 * @n: number of entries
 *
 * Return: 0 or -ENOMEM.
 */
int dmzg_hidx_build(struct dmzg_hidx *idx, const struct dmzg_hidx_entry *src,
		    u32 n)
{
	u32 nb, i;

	memset(idx, 0, sizeof(*idx));
	if (!n)
		return 0;
	nb = roundup_pow_of_two(n);
	idx->bucket = kvcalloc(nb + 1, sizeof(*idx->bucket), GFP_KERNEL);
	if (!idx->bucket)
		return -ENOMEM;
	idx->ent = kvmalloc_array(n, sizeof(*idx->ent), GFP_KERNEL);
	if (!idx->ent)
		goto free_bucket;
	idx->mask = nb - 1;
	idx->n = n;
	/* Count per bucket, prefix-sum into start offsets, then place. */
	for (i = 0; i < n; i++)
		idx->bucket[(src[i].hash & idx->mask) + 1]++;
	for (i = 0; i < nb; i++)
		idx->bucket[i + 1] += idx->bucket[i];
	for (i = 0; i < n; i++) {
		u32 b = src[i].hash & idx->mask;
		u32 slot = idx->bucket[b]++;

		idx->ent[slot] = src[i];
		/* Large indexes: let a task woken meanwhile run. */
		if (!(i % 1024))
			cond_resched();
	}
	/* Placing advanced each start to the next bucket's start: undo. */
	for (i = nb; i > 0; i--)
		idx->bucket[i] = idx->bucket[i - 1];
	idx->bucket[0] = 0;
	return 0;

free_bucket:
	kvfree(idx->bucket);
	idx->bucket = NULL;
	return -ENOMEM;
}

/**
 * dmzg_hidx_free() - release an index built by dmzg_hidx_build()
 * @idx: index; may be zeroed or empty
 */
void dmzg_hidx_free(struct dmzg_hidx *idx)
{
	kvfree(idx->ent);
	kvfree(idx->bucket);
	memset(idx, 0, sizeof(*idx));
}

/**
 * dmzg_hidx_bytes() - memory held by an index, for accounting
 * @idx: index
 *
 * Return: bytes allocated for offsets and entries.
 */
size_t dmzg_hidx_bytes(const struct dmzg_hidx *idx)
{
	if (!idx->n)
		return 0;
	return (size_t)(idx->mask + 2) * sizeof(*idx->bucket) +
	       (size_t)idx->n * sizeof(*idx->ent);
}
