package vn.dancu.model;
