"""BTrees with wide leaves for what registrations insert into at the same moment.

A stock OOBTree splits a leaf every 15 to 30 inserts. A split rewrites the leaf and its
parent, and ZODB cannot merge a split with another registration's insert into the same
leaf or parent: one of the two is published again, after Zope's pause of up to two
seconds. Inserts of different keys into one leaf merge. With leaves of 1,000 keys the
addresses of an event and the entries of its folder (ids, ids by meta type) stay in one
leaf up to 1,000 registrations (``registration.MAX_SEATS`` is 10,000), and the conflicts
left are the ones that mean something: the same seat, the same address.
"""

from BTrees.OIBTree import OIBTree
from BTrees.OOBTree import OOBTree


class WideOOBTree(OOBTree):
    max_leaf_size = 1000
    max_internal_size = 1000


class WideOIBTree(OIBTree):
    max_leaf_size = 1000
    max_internal_size = 1000


def widen(folder, meta_type):
    """Give a BTree folder wide trees for its entries: the ids (``_tree``) and the ids of
    ``meta_type`` (its entry of ``_mt_index``, which ``_setOb`` would otherwise make a
    stock OIBTree when the first such object comes). A folder that has entries keeps
    them (upgrade 1007)."""
    if not isinstance(folder._tree, WideOOBTree):
        folder._tree = wide(folder._tree)
    ids = folder._mt_index.get(meta_type)
    if not isinstance(ids, WideOIBTree):
        folder._mt_index[meta_type] = WideOIBTree(ids or {})


def wide(tree):
    """A ``WideOOBTree`` with the items of ``tree``."""
    return tree if isinstance(tree, WideOOBTree) else WideOOBTree(tree)
