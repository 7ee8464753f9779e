# sqlcipher3 ships no type information. Its module is pysqlite3 built against SQLCipher: the same
# DB-API classes and functions as the standard library's sqlite3, so the checker reads them from
# typeshed's sqlite3 stubs. Only the names that are the same in both are declared here.
from sqlite3 import *
