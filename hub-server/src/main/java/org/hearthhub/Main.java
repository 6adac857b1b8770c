package org.hearthhub; public class Main { public static void main(String[] a){} }
