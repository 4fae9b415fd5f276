-- The server's own state. Each later migration adds the tables of one store (V2 accounts, tokens and settings;
-- V3 saved tables and subscriptions). Written in the SQL that H2 and PostgreSQL both accept. Names avoid the words
-- H2 2.x reserves (VALUE, KEY, USER…): no column is called value.
CREATE TABLE state_info (
    info_key   VARCHAR(100) PRIMARY KEY,
    info_value VARCHAR(1000) NOT NULL
);
INSERT INTO state_info (info_key, info_value) VALUES ('created_by', 'dancu');
